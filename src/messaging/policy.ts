import { z } from "zod";
import { type DeliveryPolicy, defaultDeliveryPolicy } from "./rules";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const schema = z.object({
  quietHours: z.object({ from: hhmm, to: hhmm }).catch(defaultDeliveryPolicy.quietHours),
  automatedPerDay: z.number().int().min(0).max(10).catch(defaultDeliveryPolicy.automatedPerDay),
  automatedPerWeek: z.number().int().min(0).max(30).catch(defaultDeliveryPolicy.automatedPerWeek),
  remindersPerDay: z.number().int().min(0).max(10).catch(defaultDeliveryPolicy.remindersPerDay),
});

/** The clinic's messaging rules from its settings JSON ("messaging" key), each field defaulting on its own. */
export function parseDeliveryPolicy(settingsJson: string | null | undefined): DeliveryPolicy {
  try {
    const raw = settingsJson ? (JSON.parse(settingsJson) as { messaging?: unknown }).messaging : undefined;
    return schema.parse(raw ?? {});
  } catch {
    return defaultDeliveryPolicy;
  }
}
