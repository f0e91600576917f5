/**
 * Pure: how well a reply classifier agrees with a labelled set of patient replies. Shared by the
 * unit test (which sets the bar) and `npm run eval:intent` (which prints the full report), so both
 * measure the same thing the same way.
 */
import { z } from "zod";
import type { Intent } from "../intent";

/** The classes a reply is labelled with: what the clinic should do about it. */
export const replyClasses = ["confirm", "cancel", "reschedule", "question", "pain", "opt_out", "other"] as const;
export type ReplyClass = (typeof replyClasses)[number];

const labelledReply = z.object({
  text: z.string().min(1),
  intent: z.enum(replyClasses),
  lang: z.enum(["en", "es"]),
});
export type LabelledReply = z.infer<typeof labelledReply>;

/** One JSON object per line; a bad line names its line number so the set is easy to fix. */
export function parseLabelledReplies(jsonl: string): LabelledReply[] {
  return jsonl.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    const parsed = labelledReply.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`labelled replies line ${index + 1}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return [parsed.data];
  });
}

/**
 * START and HELP are carrier keywords, not things a patient asks of the clinic: in the labelled
 * set they are not classes, so a prediction of either counts as "other".
 */
export const asReplyClass = (intent: Intent): ReplyClass => (intent === "opt_in" || intent === "help" ? "other" : intent);

export interface ClassScore {
  label: ReplyClass;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  perClass: ClassScore[];
  /** confusion[expected][predicted] = count */
  confusion: Record<ReplyClass, Record<ReplyClass, number>>;
  mistakes: { text: string; lang: string; expected: ReplyClass; predicted: ReplyClass }[];
}

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

export function evaluateReplies(rows: LabelledReply[], classify: (text: string) => Intent): Evaluation {
  const confusion = Object.fromEntries(replyClasses.map((e) => [e, Object.fromEntries(replyClasses.map((p) => [p, 0]))])) as Record<
    ReplyClass,
    Record<ReplyClass, number>
  >;
  const mistakes: Evaluation["mistakes"] = [];
  let correct = 0;
  for (const row of rows) {
    const predicted = asReplyClass(classify(row.text));
    confusion[row.intent][predicted] += 1;
    if (predicted === row.intent) correct += 1;
    else mistakes.push({ text: row.text, lang: row.lang, expected: row.intent, predicted });
  }
  const perClass = replyClasses.map((label) => {
    const truePositives = confusion[label][label];
    const support = replyClasses.reduce((n, p) => n + confusion[label][p], 0);
    const predictedCount = replyClasses.reduce((n, e) => n + confusion[e][label], 0);
    const precision = ratio(truePositives, predictedCount);
    const recall = ratio(truePositives, support);
    return { label, support, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  });
  return { total: rows.length, accuracy: ratio(correct, rows.length), perClass, confusion, mistakes };
}
