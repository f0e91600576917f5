import type { BodyRegion } from "../episodes/tables";
import { painAlert, painTask } from "../outcomes/pain-rule";
import { instrumentForRegion } from "../outcomes/plan";
import type { InstrumentId } from "../outcomes/questionnaires";
import { score, toQuestionnaireResponse } from "../outcomes/scoring";
import { DAY, HOUR, MINUTE } from "../platform/clock";
import { addDays } from "../platform/time";
import { answersFor } from "./answers";
import type { Engagement, Habit, PainCourse } from "./engagement";
import type { Discharge } from "./episodes";
import type { EventDraft } from "./history";
import type { Random } from "./random";
import { idMaker, type QuestionnaireResponseRow, type TaskRow } from "./types";
import type { EpisodeState } from "./visits";

export interface OutcomeInput {
  clinicId: string;
  now: number;
  states: readonly EpisodeState[];
  engagement: readonly Engagement[];
  discharges: readonly (Discharge | null)[];
  patientIdOf: (s: EpisodeState) => string;
  languageOf: (s: EpisodeState) => "en" | "es";
  /** An instant from a local date and minute in the patient's time zone (theirs, else the clinic's). */
  instantOf: (s: EpisodeState) => (date: string, minute: number) => number;
  /** The clinic's local date of an instant. */
  localDate: (at: number) => string;
  therapistIds: readonly string[];
}

/** Full questionnaires are repeated every four weeks of care (src/outcomes/plan.ts REASSESS_DAYS). */
const REASSESS_DAYS = 28;

/** How a region measure moves over a plan of care: its intake range, the usual gain by discharge, the scatter. */
interface Course {
  start: readonly [number, number];
  gain: readonly [number, number];
  noise: number;
  /** +1 when a higher score is better (LEFS, PSFS), -1 when lower is (ODI, NDI). */
  better: 1 | -1;
  max: number;
}

const courses: Record<Exclude<InstrumentId, "nprs">, Course> = {
  lefs: { start: [22, 50], gain: [14, 30], noise: 3, better: 1, max: 80 },
  odi: { start: [20, 48], gain: [12, 26], noise: 3, better: -1, max: 100 },
  ndi: { start: [18, 44], gain: [12, 24], noise: 3, better: -1, max: 100 },
  psfs: { start: [2, 5], gain: [3, 5], noise: 0.6, better: 1, max: 10 },
};

/** Activities patients name on the PSFS (the regions without a measure of their own), in their language. */
const activities: Partial<Record<BodyRegion, readonly (readonly [string, string])[]>> = {
  shoulder: [
    ["Reaching to a high shelf", "Alcanzar un estante alto"],
    ["Sleeping on my side", "Dormir de lado"],
    ["Carrying groceries", "Cargar las compras"],
    ["Putting on a jacket", "Ponerme una chaqueta"],
  ],
  elbow: [
    ["Opening jars", "Abrir frascos"],
    ["Lifting a full kettle", "Levantar una tetera llena"],
    ["Typing at work", "Escribir en la computadora del trabajo"],
    ["Carrying shopping bags", "Cargar bolsas de compras"],
  ],
  wrist_hand: [
    ["Opening jars", "Abrir frascos"],
    ["Writing by hand", "Escribir a mano"],
    ["Chopping vegetables", "Picar verduras"],
    ["Turning a door key", "Girar la llave de la puerta"],
  ],
  thoracic: [
    ["Sitting at my desk for an hour", "Estar sentado en el escritorio una hora"],
    ["Turning to look behind me", "Girar para mirar hacia atrás"],
    ["Lifting my child", "Levantar a mi hijo"],
    ["Taking a deep breath while exercising", "Respirar hondo al hacer ejercicio"],
  ],
};
const anyProblem: readonly (readonly [string, string])[] = [
  ["Walking to the store", "Caminar a la tienda"],
  ["Climbing stairs", "Subir escaleras"],
  ["Household chores", "Tareas de la casa"],
];

/** What a few patients add to a check-in, by how it is going. */
const notes: Record<PainCourse, readonly (readonly [string, string])[]> = {
  improving: [
    ["Better after the exercises", "Mejor después de los ejercicios"],
    ["Slept through the night this week", "Esta semana dormí toda la noche"],
  ],
  flat: [
    ["Stiff in the mornings", "Rígido por las mañanas"],
    ["About the same", "Más o menos igual"],
  ],
  worse: [
    ["Worse since I went back to work", "Peor desde que volví al trabajo"],
    ["Sore after the weekend", "Con dolor después del fin de semana"],
  ],
};

/** Chance of leaving a week's check-in (or a four-weekly questionnaire) undone. */
const skips: Record<Habit, number> = { steady: 0.08, partial: 0.25, low: 0.45, fading: 0.3 };

interface Draft {
  row: Omit<QuestionnaireResponseRow, "id">;
  /** The episode's first pain score before this check-in (null for the first), as the pain rule reads it. */
  baseline: number | null;
  episodeOpen: boolean;
  therapistId: string | null;
}

/**
 * Weekly pain check-ins (NPRS) and the region's questionnaire at intake, every four weeks and at a good
 * discharge, all answered in the portal: pain and function improve for most, stay flat for those who gave
 * up, and get worse for a few, whose rising pain opened a worklist task as the pain rule would have.
 * Every response is a real QuestionnaireResponse built from answers whose score() is the stored score.
 */
export function outcomeResponses(rnd: Random, input: OutcomeInput) {
  const drafts: Draft[] = [];
  input.states.forEach((s, i) => {
    const e = input.engagement[i];
    if (e?.evaluation) drafts.push(...episodeResponses(rnd, input, s, e, input.discharges[i] ?? null));
  });
  drafts.sort((a, b) => a.row.authoredAt - b.row.authoredAt);
  const nextId = idMaker(`${input.clinicId}-q`);
  const responses: QuestionnaireResponseRow[] = drafts.map((d) => ({ id: nextId(), ...d.row }));
  const events = responses.map(
    (r, k): EventDraft =>
      r.kind === "check_in"
        ? {
            type: "checkin.recorded",
            patientId: r.patientId,
            occurredAt: r.authoredAt,
            payload: { score: r.score, baseline: drafts[k]?.baseline ?? null },
          }
        : {
            type: "questionnaire.completed",
            patientId: r.patientId,
            occurredAt: r.authoredAt,
            payload: { instrumentId: r.instrumentId, score: r.score, responseId: r.id },
          },
  );
  return { responses, events, tasks: painTasks(rnd, input, responses, drafts) };
}

function episodeResponses(rnd: Random, input: OutcomeInput, s: EpisodeState, e: Engagement, discharge: Discharge | null): Draft[] {
  const evaluation = e.evaluation;
  if (!evaluation) return [];
  const patientId = input.patientIdOf(s);
  const lang = input.languageOf(s);
  const instant = input.instantOf(s);
  const intakeDate = evaluation.date;
  // A plan closed well ran its course by the last visit, however many visits the plan had left.
  const lastAttended = s.visits.filter((v) => v.status === "attended").at(-1);
  const closedWell = discharge?.reason === "goals_met" || discharge?.reason === "plan_completed";
  const planDays = closedWell && lastAttended ? Math.max(7, (lastAttended.startsAt - evaluation.startsAt) / DAY) : s.plan.durationWeeks * 7;
  const until = Math.min(input.now, discharge?.at ?? input.now, instant(addDays(e.lastActive, 1), 0) - MINUTE);
  const progress = (at: number) => Math.min(1, Math.max(0, (at - evaluation.startsAt) / (planDays * DAY)));
  const gaveUp = e.habit === "fading" || e.habit === "low";
  const base = {
    clinicId: input.clinicId,
    patientId,
    episodeId: s.plan.id,
    source: "portal" as const,
  };
  const out: Draft[] = [];
  const push = (
    instrumentId: InstrumentId,
    kind: "check_in" | "questionnaire",
    at: number,
    target: number,
    named: string[],
    note: string | null,
    baseline: number | null,
  ) => {
    const answers = answersFor(rnd, instrumentId, target, named);
    const result = score(instrumentId, answers);
    if (!result.ok) throw new Error(`demo answers do not score for ${instrumentId}`);
    const resource = toQuestionnaireResponse(instrumentId, answers, { patientReference: `Patient/${patientId}`, authored: new Date(at) });
    out.push({
      row: { ...base, instrumentId, kind, score: result.score, note, resource: JSON.stringify(resource), authoredAt: at },
      baseline,
      episodeOpen: discharge === null,
      therapistId: input.therapistIds[s.plan.therapistIndex] ?? null,
    });
    return result.score;
  };

  // Filled in at home before the evaluation (the link comes with the appointment), or in the waiting room.
  const intakeAt = Math.max(s.plan.createdAt + MINUTE, evaluation.startsAt - rnd.int(10, 180) * MINUTE);

  // Pain: weekly, from intake until the patient stops answering.
  const times = [intakeAt];
  for (let k = 1; ; k++) {
    const day = addDays(intakeDate, 7 * k + rnd.int(-1, 1));
    const at = instant(day, rnd.int(7 * 60 + 30, 21 * 60 + 30));
    if (at > until) break;
    times.push(at);
  }
  const kept = times.filter((_, k) => k === 0 || (e.pain === "worse" && k === times.length - 1) || !rnd.chance(skips[e.habit]));
  const b = e.pain === "worse" ? rnd.int(3, 5) : rnd.int(3, 7);
  const drop = b * (0.5 + 0.4 * rnd.next()) * (gaveUp ? 0.4 : 1);
  const ceiling = Math.min(7, b + 1);
  let baseline: number | null = null;
  kept.forEach((at, k) => {
    const noise = rnd.next() * 1.6 - 0.8;
    let pain: number;
    if (k === 0) pain = b;
    else if (e.pain === "worse") pain = k === kept.length - 1 ? b + 2 : Math.min(ceiling, Math.max(b - 1, Math.round(b + noise)));
    else if (e.pain === "flat") pain = Math.min(ceiling, Math.max(0, Math.round(b + noise)));
    else pain = Math.min(ceiling, Math.max(0, Math.round(b - drop * progress(at) ** 0.8 + noise)));
    const felt: PainCourse = pain >= b + 2 ? "worse" : pain < b ? "improving" : "flat";
    const wording = rnd.chance(0.12) ? rnd.pick(notes[felt]) : null;
    const written = push("nprs", "check_in", at, pain, [], wording ? wording[lang === "es" ? 1 : 0] : null, baseline);
    baseline ??= written;
  });

  // The region's measure: intake, every four weeks, and at a good discharge.
  const instrumentId = instrumentForRegion(s.plan.condition.bodyRegion) ?? "psfs";
  const course = courses[instrumentId as Exclude<InstrumentId, "nprs">];
  const named = rnd.shuffle(activities[s.plan.condition.bodyRegion] ?? anyProblem).slice(0, rnd.int(2, 3));
  const labels = named.map((a) => a[lang === "es" ? 1 : 0]);
  const start = course.start[0] + (course.start[1] - course.start[0]) * rnd.next();
  // Function follows pain, except that a plan closed with its goals met did improve function, whatever the pain did.
  const gainShare = e.pain === "improving" ? (gaveUp ? 0.4 : 1) : closedWell ? 0.75 : 0.1;
  const gain = (course.gain[0] + (course.gain[1] - course.gain[0]) * rnd.next()) * gainShare;
  const target = (at: number) => {
    const v = start + course.better * gain * progress(at) ** 0.8 + course.noise * (rnd.next() * 2 - 1);
    return Math.min(course.max, Math.max(0, v));
  };
  const asked = [intakeAt + rnd.int(2, 6) * MINUTE];
  for (let k = 1; ; k++) {
    const at = instant(addDays(intakeDate, REASSESS_DAYS * k + rnd.int(-2, 2)), rnd.int(8 * 60, 21 * 60));
    if (at > until) break;
    if (!rnd.chance(skips[e.habit])) asked.push(at);
  }
  const lastVisit = s.visits.filter((v) => v.status === "attended").at(-1);
  if (discharge && closedWell && lastVisit && lastVisit.startsAt > evaluation.startsAt) {
    // Asked for before the last visit, so the therapist can go over it at discharge.
    const at = Math.max(lastVisit.startsAt - rnd.int(30, 20 * 60) * MINUTE, evaluation.endsAt);
    while (asked.length > 1 && (asked.at(-1) ?? 0) > at - 7 * DAY) asked.pop();
    if (at > (asked.at(-1) ?? 0) + 7 * DAY && at <= Math.min(input.now, discharge.at)) asked.push(at);
  }
  for (const at of asked) push(instrumentId, "questionnaire", at, target(at), labels, null, null);
  return out;
}

/**
 * The pain rule's tasks for the responses that would have fired it: the latest of an open episode still
 * open for the clinic, the older ones done with what came of the call.
 */
function painTasks(rnd: Random, input: OutcomeInput, responses: readonly QuestionnaireResponseRow[], drafts: readonly Draft[]) {
  const { now } = input;
  const alerts = responses
    .map((r, k) => ({ r, d: drafts[k], alert: r.kind === "check_in" ? painAlert(r.score, drafts[k]?.baseline ?? null) : null }))
    .filter((x) => x.alert !== null);
  const latest = new Map(alerts.map((x) => [x.r.patientId, x.r.id]));
  const nextId = idMaker(`${input.clinicId}-k`);
  return alerts.map(({ r, d, alert }): TaskRow => {
    const task = painTask(alert ?? { reason: "severe", score: r.score }, {
      patientId: r.patientId,
      responseId: r.id,
      today: input.localDate(r.authoredAt),
    });
    const stillOpen = d?.episodeOpen === true && latest.get(r.patientId) === r.id && r.authoredAt > now - 10 * DAY;
    const completedAt = stillOpen ? null : Math.min(now - rnd.int(10, 600) * MINUTE, r.authoredAt + rnd.int(2, 30) * HOUR);
    return {
      id: nextId(),
      clinicId: input.clinicId,
      ...task,
      assigneeId: stillOpen ? null : (d?.therapistId ?? null),
      status: stillOpen ? "open" : "done",
      outcomeNote: stillOpen ? null : "Called the patient: flare after more activity. Reviewed the home program; seen at the next visit.",
      createdBy: "rule",
      createdAt: r.authoredAt,
      completedAt: completedAt === null ? null : Math.max(completedAt, r.authoredAt),
    };
  });
}
