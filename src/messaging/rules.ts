import { nextSendableInstant } from "../journey/calendar";
import { DAY } from "../platform/clock";

export interface DeliveryPolicy {
  quietHours: { from: string; to: string };
  /** Automated (non-reminder) messages per patient. */
  automatedPerDay: number;
  automatedPerWeek: number;
  remindersPerDay: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  quietHours: { from: "08:00", to: "21:00" },
  automatedPerDay: 1,
  automatedPerWeek: 3,
  remindersPerDay: 2,
};

export type DeliveryDecision = { action: "send"; sendAt: number; deferred: boolean } | { action: "suppress"; reason: string };

/**
 * The rules that always hold, as one pure decision: consent for the channel, quiet hours in the
 * recipient's time zone (deferred, not dropped), and caps on automated messages. Staff replies
 * may override quiet hours on purpose; nothing overrides a missing consent.
 */
export function decideDelivery(input: {
  now: number;
  timeZone: string;
  category: "reminder" | "automated" | "staff" | "transactional";
  consented: boolean;
  address: string | null;
  policy: DeliveryPolicy;
  /** Send times of this patient's messages of the same cap group already sent or queued. */
  recentSendTimes: number[];
  overrideQuietHours?: boolean;
}): DeliveryDecision {
  if (!input.address) return { action: "suppress", reason: "no address for this channel" };
  if (!input.consented && input.category !== "transactional") return { action: "suppress", reason: "no consent for this channel" };
  const sendAt =
    input.overrideQuietHours || input.category === "transactional"
      ? input.now
      : nextSendableInstant(input.now, input.policy.quietHours, input.timeZone);
  if (input.category === "automated" || input.category === "reminder") {
    const within = (ms: number) => input.recentSendTimes.filter((t) => t > sendAt - ms && t <= sendAt + ms).length;
    const perDay = input.category === "reminder" ? input.policy.remindersPerDay : input.policy.automatedPerDay;
    if (within(DAY) >= perDay) return { action: "suppress", reason: `daily cap of ${perDay} reached` };
    if (input.category === "automated" && within(7 * DAY) >= input.policy.automatedPerWeek) {
      return { action: "suppress", reason: `weekly cap of ${input.policy.automatedPerWeek} reached` };
    }
  }
  return { action: "send", sendAt, deferred: sendAt > input.now };
}
