import { describe, expect, it, vi } from "vitest";
import { AppError, notFound, rateLimited, toErrorResponse, unavailable } from "@/lib/errors";

describe("error mapper", () => {
  it("maps each code to its status with the standard body", () => {
    expect(toErrorResponse(notFound("Unknown symbol ZZZZ"))).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "Unknown symbol ZZZZ" } },
      headers: {},
    });
    expect(toErrorResponse(new AppError("payload_too_large", "too big")).status).toBe(413);
  });

  it("adds Retry-After to 429 and 503", () => {
    expect(toErrorResponse(rateLimited("slow down", 12.2)).headers["Retry-After"]).toBe("13");
    expect(toErrorResponse(unavailable("db down", 30)).headers["Retry-After"]).toBe("30");
  });

  it("never leaks the message of an unknown error", () => {
    const r = toErrorResponse(new Error("relation users does not exist at SELECT * FROM users"));
    expect(r.status).toBe(500);
    expect(r.body.error.message).toBe("Internal server error");
  });

  it("maps an AppError made by a second copy of the module (two bundles in one build) like its own", async () => {
    vi.resetModules();
    const copy = await import("@/lib/errors");
    expect(copy.AppError).not.toBe(AppError);
    const down = copy.unavailable("The database is unavailable", 10);
    expect(down instanceof AppError).toBe(true);
    expect(toErrorResponse(down)).toEqual({
      status: 503,
      body: { error: { code: "unavailable", message: "The database is unavailable" } },
      headers: { "Retry-After": "10" },
    });
    expect(new Error("plain") instanceof AppError).toBe(false);
    expect(Object.assign(new Error("look-alike"), { code: "unavailable", status: 503 }) instanceof AppError).toBe(false);
  });
});
