// Reading the portal's check-in and questionnaire forms into answers, and naming what is wrong per item.
// Pure: no I/O. Messages are keys; the templates say them in the patient's language.
import { z } from "zod";
import { type Answers, type AnswerValue, type InstrumentDefinition, psfsActivityId, psfsRatingId } from "./questionnaires";
import { score } from "./scoring";

/** What is wrong with one answer, as the patient is told it. */
export type FieldProblem = "required" | "choose" | "too_long" | "name_activity";

export const NOTE_MAX = 500;
// Longest choice value is "10"; anything longer is not one of the options.
const CHOICE_MAX = 3;

/** A posted choice: a number when it looks like one (3.5 and -1 included, for score() to refuse), else the text. */
function choiceValue(raw: string | undefined): AnswerValue {
  if (raw === undefined || raw === "") return null;
  return /^[+-]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

export type FormRead<T> =
  | { ok: true; value: T; values: Record<string, string> }
  | { ok: false; problems: Record<string, FieldProblem>; values: Record<string, string> };

const text = (max: number) => z.string().trim().max(max).optional();

const checkInSchema = z.object({ pain: text(CHOICE_MAX), note: text(NOTE_MAX) });

/** The 10-second check-in: a 0-10 whole number and an optional note of at most 500 characters. */
export function readCheckInForm(body: Record<string, unknown>): FormRead<{ pain: number; note: string | null }> {
  const values = { pain: str(body.pain), note: str(body.note) };
  const problems: Record<string, FieldProblem> = {};
  const parsed = checkInSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems[String(issue.path[0])] = issue.path[0] === "note" ? "too_long" : "choose";
    return { ok: false, problems, values };
  }
  const pain = choiceValue(parsed.data.pain);
  const result = score("nprs", { "nprs-pain": pain });
  if (!result.ok) return { ok: false, problems: { pain: pain === null ? "required" : "choose" }, values };
  return { ok: true, value: { pain: result.score, note: parsed.data.note ? parsed.data.note : null }, values };
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * A full questionnaire: one field per item, named by its linkId. Unknown fields (the CSRF token) are ignored.
 * Returns the answers to store, or a problem per item with what the patient typed, to show the form again.
 */
export function readQuestionnaireForm(def: InstrumentDefinition, body: Record<string, unknown>): FormRead<Answers> {
  const items = def.questionnaire.item;
  const values: Record<string, string> = Object.fromEntries(items.map((i) => [i.linkId, str(body[i.linkId])]));
  const schema = z.object(Object.fromEntries(items.map((i) => [i.linkId, text(i.type === "string" ? (i.maxLength ?? 200) : CHOICE_MAX)])));
  const parsed = schema.safeParse(values);
  const problems: Record<string, FieldProblem> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const item = items.find((i) => i.linkId === issue.path[0]);
      if (item) problems[item.linkId] = item.type === "string" ? "too_long" : "choose";
    }
    return { ok: false, problems, values };
  }
  const trimmed = parsed.data as Record<string, string | undefined>;
  const answers: Answers = {};
  for (const item of items) {
    const raw = trimmed[item.linkId];
    if (item.type === "string") {
      if (raw) answers[item.linkId] = raw;
    } else {
      const v = choiceValue(raw);
      if (v !== null) answers[item.linkId] = v;
    }
  }
  const result = def.score(answers);
  if (result.ok) return { ok: true, value: answers, values };
  for (const e of result.errors) {
    const item = items.find((i) => i.linkId === e.linkId);
    if (!item) continue;
    const blank = !trimmed[item.linkId];
    if (item.type !== "string") problems[item.linkId] = blank ? "required" : "choose";
    else problems[item.linkId] = blank && ratedWithoutName(def, item.linkId, trimmed) ? "name_activity" : "required";
  }
  // Every score() error names an item of the form; fall back to the first item so a refusal is never silent.
  if (Object.keys(problems).length === 0 && items[0]) problems[items[0].linkId] = "required";
  return { ok: false, problems, values };
}

/** PSFS: a rating was given for a slot whose activity is blank. */
function ratedWithoutName(def: InstrumentDefinition, activityId: string, values: Record<string, string | undefined>): boolean {
  if (def.id !== "psfs") return false;
  const n = Number(/^psfs-(\d+)-activity$/.exec(activityId)?.[1]);
  return Number.isInteger(n) && psfsActivityId(n) === activityId && Boolean(values[psfsRatingId(n)]);
}
