// Target dates of forecasts: the h-th weekday after the origin. Exchange holidays are not modelled here;
// fill-actuals counts real trading bars instead, and corrects the target date when they differ.
export function addWeekdays({ date, days }: { date: string; days: number }): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
