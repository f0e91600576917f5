/** Words staff read for task types and states; keys are the stored values. */
const typeLabels: Record<string, string> = {
  call_to_schedule: "Call to schedule",
  at_risk_outreach: "At-risk outreach",
  authorization_expiring: "Authorization",
  progress_note_due: "Progress note due",
  service_recovery: "Service recovery",
  message_follow_up: "Message follow-up",
  portal_locked: "Portal locked",
  pain_increase: "Pain increase",
  other: "Other",
};

export function taskTypeLabel(type: string): string {
  return typeLabels[type] ?? type;
}

const statusLabels: Record<string, string> = { open: "Open", done: "Done", cancelled: "Cancelled" };

export function taskStatusLabel(status: string): string {
  return statusLabels[status] ?? status;
}
