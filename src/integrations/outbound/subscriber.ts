import type { Subscriber } from "../../events/publish";
import { fromDomainEvent, type OutboundEvent } from "./events";
import { recordOutbound } from "./service";

/**
 * Domain events -> outbound webhooks (appointment confirmed or cancelled, episode discharged, survey
 * answered), whoever made the change: staff, the portal or an EHR. A failure here leaves the events
 * undelivered, and the cron's redelivery runs this again (it inserts nothing twice).
 */
export const sendOutboundWebhooks: Subscriber = async (deps, events) => {
  const outbound = events.map(fromDomainEvent).filter((e): e is OutboundEvent => e !== null);
  if (outbound.length > 0) await recordOutbound(deps, outbound);
};
