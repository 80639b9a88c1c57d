// Quiet hours in the person's own time zone: inside the window a delivery is held until its end (to the
// minute), outside it goes at once; a window may wrap midnight, and summer time moves the instants.
import { describe, expect, it } from "vitest";
import { heldUntil, isTimeZone, localMinutes, toClock, toMinutes } from "@/server/notifications/quiet-hours";
import { sessionOf } from "@/server/alerts/observe";

const berlinNights = { start: toMinutes("22:00"), end: toMinutes("07:00"), timeZone: "Europe/Berlin" };

describe("quiet hours", () => {
  it("reads and writes the 24-hour clock", () => {
    expect([toMinutes("00:00"), toMinutes("07:30"), toMinutes("23:59")]).toEqual([0, 450, 1439]);
    expect([toClock(0), toClock(450), toClock(1439)]).toEqual(["00:00", "07:30", "23:59"]);
  });

  it("holds a winter night's alert in Berlin (UTC+1) until 07:00 local, 06:00 UTC", () => {
    expect(localMinutes(new Date("2026-12-07T23:30:00Z"), "Europe/Berlin")).toBe(30);
    expect(heldUntil({ quiet: berlinNights, now: new Date("2026-12-07T23:30:42Z") })).toEqual(new Date("2026-12-08T06:00:00Z"));
    // 22:00 local is inside, 07:00 local is not.
    expect(heldUntil({ quiet: berlinNights, now: new Date("2026-12-07T21:00:00Z") })).toEqual(new Date("2026-12-08T06:00:00Z"));
    expect(heldUntil({ quiet: berlinNights, now: new Date("2026-12-08T06:00:00Z") })).toBeNull();
    expect(heldUntil({ quiet: berlinNights, now: new Date("2026-12-07T12:00:00Z") })).toBeNull();
  });

  it("follows summer time: 23:30 in Berlin in July is 21:30 UTC, held until 05:00 UTC", () => {
    expect(heldUntil({ quiet: berlinNights, now: new Date("2026-07-01T21:30:00Z") })).toEqual(new Date("2026-07-02T05:00:00Z"));
  });

  it("a window inside one day (New York working hours) holds only within it", () => {
    const work = { start: toMinutes("09:00"), end: toMinutes("17:00"), timeZone: "America/New_York" };
    expect(heldUntil({ quiet: work, now: new Date("2026-12-07T15:00:00Z") })).toEqual(new Date("2026-12-07T22:00:00Z"));
    expect(heldUntil({ quiet: work, now: new Date("2026-12-07T23:00:00Z") })).toBeNull();
  });

  it("none or an empty window holds nothing; time zone names are checked", () => {
    expect(heldUntil({ quiet: null, now: new Date() })).toBeNull();
    expect(heldUntil({ quiet: { start: 60, end: 60, timeZone: "UTC" }, now: new Date() })).toBeNull();
    expect([isTimeZone("Europe/Berlin"), isTimeZone("UTC"), isTimeZone("Mars/Olympus")]).toEqual([true, true, false]);
  });
});

describe("the session of a live price", () => {
  it("is its date in New York", () => {
    expect(sessionOf("2026-05-22T20:00:00.000Z")).toBe("2026-05-22");
    // 01:30 UTC is still the evening before in New York.
    expect(sessionOf("2026-05-23T01:30:00.000Z")).toBe("2026-05-22");
    expect(sessionOf("2024-03-08")).toBe("2024-03-08");
  });
});
