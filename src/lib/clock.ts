// Times of day as minutes after midnight and back: "07:30" <-> 450 (quiet hours, the account export).

/** "07:30" -> 450. */
export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** 450 -> "07:30". */
export const toClock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
