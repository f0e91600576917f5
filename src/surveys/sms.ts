import type { Deps } from "../platform/env";
import { parseScoreReply, SMS_SURVEY_WINDOW_MS } from "./model";
import * as repo from "./repo";

/**
 * Whether a text is the answer to the discharge survey: it reads as a score (src/surveys/model.ts), and the
 * patient's latest discharged episode was sent the survey in the last 14 days (after its discharge) and has
 * no answer yet. Anything else, a "9" with no survey waiting included, stays an ordinary text for the inbox.
 */
export async function smsSurveyAnswer(
  deps: Deps,
  clinicId: string,
  patientId: string,
  body: string,
): Promise<{ episodeId: string; score: number } | null> {
  const score = parseScoreReply(body);
  if (score === null) return null;
  const episode = await repo.latestDischargedEpisode(deps.db, clinicId, patientId);
  if (!episode || episode.dischargedAt === null) return null;
  const since = Math.max(episode.dischargedAt, deps.clock.now() - SMS_SURVEY_WINDOW_MS);
  const [answered, sent] = await Promise.all([
    repo.findAnswerByEpisode(deps.db, clinicId, episode.id),
    repo.surveySentSince(deps.db, clinicId, patientId, since),
  ]);
  return answered || !sent ? null : { episodeId: episode.id, score };
}
