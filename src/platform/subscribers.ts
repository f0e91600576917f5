import { subscribe } from "../events/publish";
import { onAttendedVisits } from "../worklist/rule-jobs";

/** Who hears about domain events, in order. The journey engine joins here later. */
export function registerSubscribers(): void {
  subscribe("worklist-rules", onAttendedVisits);
}
