// Pages that need an account send anonymous visitors to the sign-in page with where they were going and why; the
// sign-in page shows only the fixed sentence of a known reason, never text from the address.
import { NextRequest, type NextFetchEvent } from "next/server";
import { describe, expect, it } from "vitest";
import { registerReasonText, signInPath, signInReasonFor, signInReasonText } from "@/components/auth/sign-in-reason";
import { proxy } from "@/proxy";

describe("sign-in reason", () => {
  it("names the reason after the page's first path segment, with the whole address to return to", () => {
    expect(signInPath("/alerts")).toBe("/login?callbackUrl=%2Falerts&reason=alerts");
    expect(signInPath("/admin/mail")).toBe("/login?callbackUrl=%2Fadmin%2Fmail&reason=admin");
    expect(signInPath("/watchlists?list=3")).toBe("/login?callbackUrl=%2Fwatchlists%3Flist%3D3&reason=watchlists");
    expect(signInReasonFor("/portfolios/7")).toBe("portfolios");
    // A page with no reason of its own still gets its callback, without a sentence.
    expect(signInPath("/stock/AAPL")).toBe("/login?callbackUrl=%2Fstock%2FAAPL");
  });

  it("maps known keys to fixed sentences and everything else to nothing", () => {
    expect(signInReasonText("alerts")).toBe("Alerts need an account. Sign in to see and manage your alerts.");
    expect(signInReasonText(["notifications", "alerts"])).toBe("Notifications belong to an account. Sign in to see yours.");
    for (const raw of ["<b>hi</b>", "toString", "__proto__", "constructor", "alerts ", "ALERTS", "", undefined, null]) {
      expect(signInReasonText(raw), String(raw)).toBeNull();
    }
  });

  it("the register page names the page a visitor is headed for, except admin pages and pages without a reason", () => {
    expect(registerReasonText("/alerts")).toBe("Alerts need an account. Create one and you go straight back to your alerts.");
    expect(registerReasonText("/portfolios/7?tab=risk")).toBe("Portfolios need an account. Create one and you go straight back to your portfolios.");
    for (const path of ["/admin/mail", "/", "/stock/AAPL", "/alertsx", "//alerts"]) expect(registerReasonText(path), path).toBeNull();
  });

  it("the request proxy sends a visitor without a session from /alerts to the sign-in page with the reason", async () => {
    const req = new NextRequest("http://localhost/alerts?tab=fired") as Parameters<typeof proxy>[0];
    const res = await proxy(req, {} as NextFetchEvent);
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://localhost/login?callbackUrl=%2Falerts%3Ftab%3Dfired&reason=alerts");
  });
});
