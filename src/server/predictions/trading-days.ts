import { isoFromEpochDay, nextWeekdays } from "@/server/forecast";

// Target dates of forecasts: the h-th weekday after the origin. Exchange holidays are not modelled here;
// fill-actuals counts real trading bars instead, and corrects the target date when they differ.
export function addWeekdays({ date, days }: { date: string; days: number }): string {
  if (days <= 0) return date;
  return isoFromEpochDay(nextWeekdays(date, days)[days - 1]);
}
