import { localDateIn } from "../clinics/model";
import { HOUR, MINUTE } from "../platform/clock";
import { categoryOf, recoveryOwner, serviceRecoveryTitle } from "../surveys/model";
import type { Discharge } from "./episodes";
import type { EventDraft } from "./history";
import { consentLookup, type MessageInput, type Sent, sendable, sender } from "./messages";
import type { Random } from "./random";
import { type DemoStaff, idMaker, type SurveyAnswerRow, type TaskRow } from "./types";
import type { EpisodeState } from "./visits";

export interface SurveyInput extends Pick<MessageInput, "clinic" | "now" | "origin" | "patientOf" | "consents"> {
  states: readonly EpisodeState[];
  discharges: readonly (Discharge | null)[];
  staff: readonly DemoStaff[];
  /** The clinic's review page (settings reviewUrl): promoters are sent it; none, nobody is asked. */
  reviewUrl?: string;
}

/** Chance of answering, and the share of promoters and of passives, by how the episode ended. */
const answering = {
  completed: { answers: 0.78, promoter: 0.84, passive: 0.12 },
  dropped: { answers: 0.35, promoter: 0.3, passive: 0.35 },
  other: { answers: 0.5, promoter: 0.55, passive: 0.25 },
} as const;

/** What a few patients write in the portal's comment box, by how they felt. */
const comments = {
  promoter: ["Great team, thank you!", "Theresa was wonderful. Back to running!", "¡Muy buena atención, gracias!"],
  passive: ["Good care, but parking is hard.", "Hard to get evening appointments."],
  detractor: [
    "Waited 25 minutes past my appointment twice.",
    "Felt rushed, and my knee still hurts.",
    "Billing was confusing and nobody called me back.",
    "Las citas se cambiaban mucho.",
  ],
} as const;

/**
 * The discharge survey over the clinic's history ("how likely are you to recommend us, 0-10"), as the
 * journey and src/surveys would have left it: the survey text two hours after discharge (none after a move
 * or for a referral never seen), most answering by text or in the portal, promoters sent the clinic's review
 * link (some opened it), detractors a service-recovery task for the owner, closed with what came of the
 * call unless it is from the last week. Patients who dropped out answer less and less kindly.
 */
export function surveyRows(rnd: Random, input: SurveyInput) {
  const consentOf = consentLookup(input.consents);
  const owner = recoveryOwner(input.staff);
  const nextAnswer = idMaker(`${input.clinic.id}-n`);
  const nextTask = idMaker(`${input.clinic.id}-y`);
  const answers: SurveyAnswerRow[] = [];
  const tasks: TaskRow[] = [];
  const sent: Sent[] = [];
  const events: EventDraft[] = [];
  input.states.forEach((s, i) => {
    const discharge = input.discharges[i];
    const patient = input.patientOf(s);
    if (!discharge || !patient || discharge.reason === "moved" || !s.visits.some((v) => v.status === "attended")) return;
    const send = sender(rnd, input, patient, consentOf);
    const zone = patient.timeZone ?? input.clinic.timeZone;
    const askedAt = sendable(discharge.at + 2 * HOUR + rnd.int(0, 20) * MINUTE, zone);
    if (askedAt >= input.now) return;
    const survey = send({ purpose: "discharge_survey", category: "automated", at: askedAt, reason: `survey:${s.plan.id}` });
    if (!survey) return;
    const kind =
      discharge.reason === "goals_met" || discharge.reason === "plan_completed"
        ? answering.completed
        : discharge.reason === "dropped_out"
          ? answering.dropped
          : answering.other;
    const answeredAt = askedAt + (rnd.chance(0.6) ? rnd.int(2, 90) * MINUTE : rnd.int(3, 40) * HOUR);
    if (!rnd.chance(kind.answers) || answeredAt >= input.now) {
      sent.push({ row: survey, reply: null });
      return;
    }
    const r = rnd.next();
    const score = r < kind.promoter ? rnd.int(9, 10) : r < kind.promoter + kind.passive ? rnd.int(7, 8) : rnd.weighted(detractorScores);
    const category = categoryOf(score);
    // A text answer is the bare score; the portal's form also takes a comment, which a few write.
    const bySms = survey.channel === "sms" && rnd.chance(0.55);
    const comment = !bySms && rnd.chance(category === "detractor" ? 0.7 : 0.15) ? rnd.pick(comments[category]) : null;
    const answerId = nextAnswer();
    sent.push({ row: survey, reply: bySms ? { at: answeredAt, body: rnd.pick(scoreWords(score, patient.preferredLanguage)) } : null });
    let reviewAskedAt: number | null = null;
    let reviewOpenedAt: number | null = null;
    if (category === "promoter" && input.reviewUrl) {
      const askAt = sendable(answeredAt + rnd.int(1, 3) * MINUTE, zone);
      // Sent as a staff reply, keyed by the answer (src/surveys/service.ts askForReview), with the review page's link.
      const request =
        askAt < input.now
          ? send({ purpose: "review_request", category: "staff", at: askAt, reason: `review:${answerId}`, link: input.reviewUrl })
          : null;
      if (request) {
        sent.push({ row: request, reply: null });
        reviewAskedAt = request.sendAt;
        const openedAt = askAt + (rnd.chance(0.7) ? rnd.int(1, 60) * MINUTE : rnd.int(2, 48) * HOUR);
        if (rnd.chance(0.45) && openedAt < input.now) reviewOpenedAt = openedAt;
      }
    }
    let recoveryTaskId: string | null = null;
    if (category === "detractor") {
      recoveryTaskId = nextTask();
      const open = answeredAt > input.now - 7 * 24 * HOUR;
      tasks.push({
        id: recoveryTaskId,
        clinicId: input.clinic.id,
        patientId: patient.id,
        type: "service_recovery",
        title: serviceRecoveryTitle(score, comment),
        assigneeId: owner,
        dueDate: localDateIn(answeredAt, input.clinic.timeZone),
        status: open ? "open" : "done",
        outcomeNote: open ? null : rnd.pick(recoveryNotes),
        ruleKey: `service_recovery:${s.plan.id}`,
        createdBy: "survey",
        createdAt: answeredAt,
        completedAt: open ? null : Math.min(input.now - rnd.int(10, 120) * MINUTE, answeredAt + rnd.int(4, 72) * HOUR),
      });
    }
    const channel = bySms ? "sms" : "portal";
    answers.push({
      id: answerId,
      clinicId: input.clinic.id,
      patientId: patient.id,
      episodeId: s.plan.id,
      score,
      comment,
      channel,
      answeredAt,
      reviewAskedAt,
      reviewOpenedAt,
      recoveryTaskId,
    });
    events.push({
      type: "survey.answered",
      patientId: patient.id,
      occurredAt: answeredAt,
      payload: { answerId, episodeId: s.plan.id, score, category, channel, changed: false },
    });
  });
  return { answers, tasks, sent, events };
}

const detractorScores: readonly (readonly [number, number])[] = [
  [0, 1],
  [2, 1],
  [3, 2],
  [4, 2],
  [5, 4],
  [6, 5],
];

/** A bare score as patients text it; each reads as that score to src/surveys/model parseScoreReply. */
function scoreWords(score: number, language: "en" | "es"): string[] {
  const words = language === "es" ? ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"] : [];
  return [String(score), `${score}!`, language === "es" ? `${score} de 10` : `${score}/10`, ...(words[score] ? [words[score]] : [])];
}

const recoveryNotes = [
  "Called the patient: apologised for the waits and offered a free follow-up visit. They appreciated the call.",
  "Spoke with the patient about the billing question; sent a corrected statement.",
  "Left a voicemail, then reached them the next day: shared the feedback with the team.",
] as const;
