import { localDateIn } from "../clinics/model";
import { categoryOf } from "./model";
import type { SurveyAnswerRow } from "./repo";

/** A discharged episode's survey answer, as the episode card on the patient page shows it. */
export interface EpisodeSurveyView {
  /** "9 of 10 (promoter), answered 2026-12-02 by text" */
  summary: string;
  comment: string | null;
  /** What came of it: the review link asked or opened, or the service-recovery task. */
  followUp: string | null;
}

const channelWords: Record<SurveyAnswerRow["channel"], string> = {
  portal: "online",
  sms: "by text",
  email: "by email",
  staff: "to staff",
};

/** Pure: the episode card's words for an answer (dates in the clinic's time zone). */
export function episodeSurveyView(a: SurveyAnswerRow, timeZone: string): EpisodeSurveyView {
  const followUp =
    a.recoveryTaskId !== null
      ? "service-recovery task opened"
      : a.reviewOpenedAt !== null
        ? `review link opened ${localDateIn(a.reviewOpenedAt, timeZone)}`
        : a.reviewAskedAt !== null
          ? "asked for a review"
          : null;
  return {
    summary: `${a.score} of 10 (${categoryOf(a.score)}), answered ${localDateIn(a.answeredAt, timeZone)} ${channelWords[a.channel]}`,
    comment: a.comment,
    followUp,
  };
}
