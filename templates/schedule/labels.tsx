/** Words the front desk sees for statuses, visit types and days; presentation only. */

export const statusLabels: Record<string, string> = {
  booked: "Booked",
  confirmed: "Confirmed",
  arrived: "Checked in",
  attended: "Attended",
  cancelled: "Cancelled",
  no_show: "No-show",
};

/** The button that moves a visit to a status. */
export const actionLabels: Record<string, string> = {
  confirmed: "Confirmed by patient",
  arrived: "Check in",
  attended: "Attended",
  no_show: "No-show",
  cancelled: "Cancel visit",
};

export const typeOptions = [
  ["evaluation", "Evaluation"],
  ["follow_up", "Follow-up"],
  ["re_evaluation", "Re-evaluation"],
  ["discharge", "Discharge"],
] as const;
export const typeLabels: Record<string, string> = Object.fromEntries(typeOptions);

export const weekdayShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** "Tuesday, December 1, 2026" from 2026-12-01 (a calendar date, so read in UTC). */
export function longDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", {
    timeZone: "UTC",
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
  });
}

/** "Tue Dec 1" from 2026-12-01. */
export function shortDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge visit-${status}`}>{statusLabels[status] ?? status}</span>;
}
