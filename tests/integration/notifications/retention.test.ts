// Notification retention on the real database: read entries past the age limit go, and beyond a person's newest
// M the read or old ones; an unread entry younger than the limit is never deleted. Exact counts per person
// before and after, then the daily job (its cron, the defaults 90 days / 500) on the same table.
import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { getDb } from "@/lib/db";
import { createJobStore } from "@/lib/queue/store";
import { pruneNotifications } from "@/server/notifications";
import { setUpAuthTestEnv, uniqueName, type AuthTestEnv } from "../auth/auth-test-env";
import { inngestFunction } from "../../support/job-functions";

const DAY = 24 * 60 * 60_000;
let env: AuthTestEnv;
beforeAll(async () => {
  env = await setUpAuthTestEnv();
});
afterAll(async () => {
  await env?.teardown();
});

async function person(tag: string): Promise<string> {
  const name = uniqueName(tag);
  return (await (await getDb()).user.create({ data: { email: `${name}@example.com`, username: name, passwordHash: "x" } })).id;
}

/** Entries named `${title}${i}`, created `days[i]` days before `now`, read when `read`. */
async function add({ userId, title, days, read, now }: { userId: string; title: string; days: number[]; read: boolean; now: Date }) {
  await (await getDb()).notification.createMany({
    data: days.map((d, i) => {
      const createdAt = new Date(now.getTime() - d * DAY);
      return { userId, kind: "alert", title: `${title}${i}`, body: "b", createdAt, readAt: read ? createdAt : null };
    }),
  });
}

const titlesOf = async (userId: string) =>
  (await (await getDb()).notification.findMany({ where: { userId }, select: { title: true }, orderBy: { title: "asc" } })).map((n) => n.title);

describe("notification retention", () => {
  const now = new Date();
  const ids: Record<"a" | "b" | "c" | "d", string> = { a: "", b: "", c: "", d: "" };

  it("deletes read entries past the age limit and read or old ones beyond the newest M, never young unread ones", async () => {
    for (const k of ["a", "b", "c", "d"] as const) ids[k] = await person(`ret${k}`);
    // A: four read and past 90 days; two unread past 90 days; two read and two unread recent. 10 entries.
    await add({ userId: ids.a, title: "a-old-read", days: [100, 101, 102, 103], read: true, now });
    await add({ userId: ids.a, title: "a-old-unread", days: [120, 121], read: false, now });
    await add({ userId: ids.a, title: "a-read", days: [10, 11], read: true, now });
    await add({ userId: ids.a, title: "a-unread", days: [1, 2], read: false, now });
    // B: ten recent unread (more than M = 6), then three recent read and two old unread. 15 entries.
    await add({ userId: ids.b, title: "b-unread", days: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], read: false, now });
    await add({ userId: ids.b, title: "b-read", days: [11, 12, 13], read: true, now });
    await add({ userId: ids.b, title: "b-old-unread", days: [100, 101], read: false, now });
    // C: four recent unread, four recent read, one read a little under 90 days old. 9 entries.
    await add({ userId: ids.c, title: "c-unread", days: [1, 2, 3, 4], read: false, now });
    await add({ userId: ids.c, title: "c-read", days: [5, 6, 7, 8], read: true, now });
    await add({ userId: ids.c, title: "c-nearly-old", days: [89.9], read: true, now });
    // D: one read entry 89 days old.
    await add({ userId: ids.d, title: "d-read", days: [89], read: true, now });
    const db = await getDb();
    expect(await db.notification.count()).toBe(35);

    const result = await pruneNotifications({ now, maxAgeDays: 90, keepPerUser: 6 });

    expect(result).toEqual({ old: 4, overCap: 8, cutoff: new Date(now.getTime() - 90 * DAY).toISOString() });
    expect(await db.notification.count()).toBe(23);
    // A: the age rule leaves six, so the cap (counted after it) keeps the two old unread ones.
    expect(await titlesOf(ids.a)).toEqual(["a-old-unread0", "a-old-unread1", "a-read0", "a-read1", "a-unread0", "a-unread1"]);
    // B: all ten young unread stay though beyond M; the read and the old beyond M go.
    expect(await titlesOf(ids.b)).toEqual(["b-unread0", "b-unread1", "b-unread2", "b-unread3", "b-unread4", "b-unread5", "b-unread6", "b-unread7", "b-unread8", "b-unread9"]);
    // C: the newest six: four unread and the two newest read.
    expect(await titlesOf(ids.c)).toEqual(["c-read0", "c-read1", "c-unread0", "c-unread1", "c-unread2", "c-unread3"]);
    expect(await titlesOf(ids.d)).toEqual(["d-read0"]);

    // A second run finds nothing more.
    expect(await pruneNotifications({ now, maxAgeDays: 90, keepPerUser: 6 })).toMatchObject({ old: 0, overCap: 0 });
    expect(await db.notification.count()).toBe(23);
  });

  it("runs daily as the prune-notifications job with the defaults: 90 days, the newest 500 per person", async () => {
    expect(parseEnv({})).toMatchObject({ NOTIFICATION_RETENTION_DAYS: 90, NOTIFICATION_KEEP_PER_USER: 500 });
    const fn = inngestFunction("prune-notifications");
    expect(fn.opts.triggers).toEqual([{ event: "notifications/entries.prune" }, { cron: "TZ=UTC 40 4 * * *" }]);

    // E: 501 recent read entries (one beyond 500), one unread 91 days old (beyond 500 and old), one read 91
    // days old (old): three go. Everyone else's entries are within both limits.
    const e = await person("rete");
    const t = new Date();
    await add({ userId: e, title: "e-read", days: Array.from({ length: 501 }, (_, i) => (i + 1) / 24), read: true, now: t });
    await add({ userId: e, title: "e-old-unread", days: [91], read: false, now: t });
    await add({ userId: e, title: "e-old-read", days: [91.5], read: true, now: t });
    const db = await getDb();
    expect(await db.notification.count()).toBe(23 + 503);

    const store = createJobStore(getDb);
    const engine = new InngestTestEngine({ function: fn, transformCtx: (ctx) => ({ ...mockCtx(ctx), jobStore: store }) as typeof ctx });
    const { result } = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 40 4 * * *" } }] });

    expect(result).toMatchObject({ old: 1, overCap: 2 });
    expect(await db.notification.count()).toBe(23 + 500);
    expect(await db.notification.count({ where: { userId: e } })).toBe(500);
    // The oldest recent read entry (the 501st) went; the newest stays.
    expect(await db.notification.count({ where: { userId: e, title: { in: ["e-read500", "e-old-unread0", "e-old-read0"] } } })).toBe(0);
    expect(await db.notification.count({ where: { userId: e, title: "e-read0" } })).toBe(1);
    expect((await db.job.findFirst({ where: { name: "notifications/entries.prune" } }))?.message).toBe("deleted 1 read past the age limit and 2 beyond the per-person limit");
  });
});
