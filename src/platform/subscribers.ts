import { subscribe } from "../events/publish";
import { sendOutboundWebhooks } from "../integrations/outbound/subscriber";
import { forwardToJourneys } from "../journey/subscriber";
import { onAttendedVisits } from "../worklist/rule-jobs";

/** Who hears about domain events, in order: rules first, then each patient's journey. */
export function registerSubscribers(): void {
  subscribe("worklist-rules", onAttendedVisits);
  subscribe("journeys", forwardToJourneys);
  subscribe("outbound-webhooks", sendOutboundWebhooks);
}
