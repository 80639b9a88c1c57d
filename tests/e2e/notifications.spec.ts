// Notifications that reach people, in the browser, desktop and phone: a server with a live provider (Polygon,
// replayed by a local server from the shipped AAPL closes, then one session more) runs its daily refresh on
// an operator's request; the alert a person set on /alerts fires on the new close; the header bell's count
// goes up while the page is open (the notification stream), the entry is on /notifications, and marking it
// read takes the count back to none. The header search adds a suggestion to the person's watchlist.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ReplayServer } from "../support/replay-server";
import { polygonAggs, shippedCsv } from "../support/split-series";
import { spawnServer, type SpawnedServer } from "./support/spawn-server";
import { registerThroughForm } from "./support/register";
import { VIEWPORTS } from "./support/views";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const ADMIN_KEY = "admin-key-for-the-notifications-spec-0123";
const DAILY = /^\/polygon\/v2\/aggs\/ticker\/AAPL\/range\/1\/day\//;
const tail = shippedCsv("AAPL").slice(-30);
// The session after the shipped set ends (2024-03-08, close 170.729996): it closes at 172.75.
const next = { time: "2024-03-11", open: 170.9, high: 173.1, low: 170.6, close: 172.75, volume: 60_000_000 };

const provider = new ReplayServer();
let server: SpawnedServer;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  await provider.start();
  // Until the refresh, the provider's newest session is the shipped set's last.
  provider.on({ path: DAILY, body: polygonAggs(tail) });
  server = spawnServer(
    { POLYGON_API_KEY: "e2e-polygon-key", POLYGON_BASE_URL: `${provider.url}/polygon`, PROVIDER_ORDER: "polygon", ADMIN_API_KEY: ADMIN_KEY, WATCHLIST: "AAPL", RATE_LIMIT_AUTH_PER_MIN: "1000" },
    { port: E2E_PORT + 52 },
  );
  await server.ready;
  // A fresh server compiles each route on its first request: take that off the sign-up the tests time.
  for (const path of ["/register", "/alerts", "/notifications", "/api/watchlists"]) await fetch(server.url + path).catch(() => undefined);
  const warm = `warm_${Date.now().toString(36)}`;
  await fetch(`${server.url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `${warm}@example.com`, username: warm, password: `copper-lantern-${warm}` }),
  });
});
test.afterAll(async () => {
  server?.proc.kill("SIGTERM");
  await server?.exited;
  await provider.close();
});

/** Serious and critical axe-core violations on the page as it is, in light and then in dark. */
async function axeBothSchemes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
    for (const v of violations) if (v.impact === "serious" || v.impact === "critical") found.push(`${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  return found;
}

/** The operator's "refresh now", and its job run to the end. */
async function refreshNow(browser: Browser) {
  const ctx = await browser.newContext({ baseURL: server.url });
  const asked = await ctx.request.post("/api/admin/refresh", { headers: { "x-api-key": ADMIN_KEY } });
  expect(asked.status()).toBe(202);
  const { poll } = (await asked.json()) as { poll: string };
  await expect
    .poll(async () => ((await (await ctx.request.get(poll, { headers: { "x-api-key": ADMIN_KEY } })).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe("done");
  await ctx.close();
}

for (const vp of VIEWPORTS) {
  test(`an alert that fires shows on the bell at once, and marking it read clears it (${vp.name})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: vp.width, height: vp.height } });
    const page = await ctx.newPage();
    await registerThroughForm(page, { callbackUrl: "/alerts", prefix: `nt${vp.name[0]}` });
    await expect(page).toHaveURL(/\/alerts$/);
    const bell = page.getByTestId("notification-bell");
    await expect(bell).toHaveAttribute("aria-label", "Notifications, none unread");
    await expect(page.getByTestId("notification-count")).toHaveCount(0);

    const form = page.getByTestId("create-alert-form");
    await form.getByLabel("Symbol").fill("AAPL");
    // A threshold the API refuses is said with the form's own label, not the request's field name.
    await form.getByLabel("When").selectOption("move_pct");
    await form.getByLabel("Percent").fill("500");
    await form.getByRole("button", { name: "Add alert" }).click();
    await expect(page.getByTestId("alert-form-error")).toHaveText("Percent: must be at most 100");
    await form.getByLabel("When").selectOption("above");
    await form.getByLabel("Price").fill("0");
    await form.getByRole("button", { name: "Add alert" }).click();
    await expect(page.getByTestId("alert-form-error")).toHaveText("Price: must be greater than 0");
    await form.getByLabel("Price").fill("172");
    await expect(form.getByLabel("In the app (the bell)")).toBeChecked();
    await form.getByRole("button", { name: "Add alert" }).click();
    await expect(page.getByTestId("alert-row")).toContainText("AAPL at or above 172");
    await expect(page.getByTestId("alert-row")).toContainText("Tells you: in the app (the bell)");

    // The next session arrives and the operator runs the refresh: the open page's bell counts it.
    provider.on({ path: DAILY, body: polygonAggs([...tail.slice(-12), next]) });
    await refreshNow(browser);
    await expect(page.getByTestId("notification-count")).toHaveText("1", { timeout: 20_000 });
    await expect(bell).toHaveAttribute("aria-label", "Notifications, 1 unread");

    await bell.click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    const entry = page.getByTestId("notification");
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute("data-read", "false");
    await expect(entry).toContainText("AAPL at or above 172");
    await expect(entry).toContainText("AAPL closed at 172.75 on 2024-03-11, at or above 172");
    await expect(page.getByTestId("unread-summary")).toHaveText("1 unread.");
    expect(await axeBothSchemes(page)).toEqual([]);

    await entry.getByRole("button", { name: "Mark read: AAPL at or above 172" }).click();
    await expect(entry).toHaveAttribute("data-read", "true");
    await expect(page.getByTestId("unread-summary")).toHaveText("Nothing unread.");
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
    await expect(bell).toHaveAttribute("aria-label", "Notifications, none unread");
    // The server agrees after a reload; the unread filter is empty.
    await page.goto("/notifications?unread=1");
    await expect(page.getByText("No unread notifications.")).toBeVisible();
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
    await ctx.close();
  });
}

test("the header search adds a suggestion to the person's watchlist", async ({ browser }) => {
  const ctx = await browser.newContext({ baseURL: server.url });
  const page = await ctx.newPage();
  await registerThroughForm(page, { callbackUrl: "/notifications", prefix: "ntw" });
  const search = page.getByRole("search", { name: "Site search" }).getByTestId("ticker-search");
  await search.fill("apple");
  const add = page.getByTestId("search-add-to-list");
  // No list yet: one is made.
  await add.getByRole("button", { name: "a new watchlist" }).click();
  await expect(add.getByRole("status")).toHaveText("Added AAPL to My watchlist.");
  await expect(add).toContainText("✓ in My watchlist");
  expect(await axeBothSchemes(page)).toEqual([]);
  const lists = (await (await page.request.get("/api/watchlists")).json()) as { watchlists: { name: string; symbols: string[] }[] };
  expect(lists.watchlists.map((l) => [l.name, l.symbols])).toEqual([["My watchlist", ["AAPL"]]]);
  await ctx.close();
});
