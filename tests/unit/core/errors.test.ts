import { describe, expect, it } from "vitest";
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
});
