import type { EventDraft } from "./history";
import { type MessageInput, messageRows, visitMessages } from "./messages";
import type { Random } from "./random";
import { type SurveyInput, surveyRows } from "./surveys";

/**
 * Everything said between the clinic and its patients over the history: the journey's texts about visits
 * (messages.ts), the discharge survey with its review requests and service-recovery tasks (surveys.ts), and
 * the patients' answers, as message rows, inbox threads and the timeline's events.
 */
export function conversations(rnd: Random, input: MessageInput & SurveyInput) {
  const aboutVisits = visitMessages(rnd, input);
  const surveys = surveyRows(rnd, input);
  const talk = messageRows(input.clinic, input.now, [...aboutVisits, ...surveys.sent]);
  const events: EventDraft[] = [...talk.events, ...surveys.events];
  return { messages: talk.rows, threads: talk.threads, answers: surveys.answers, tasks: surveys.tasks, events };
}
