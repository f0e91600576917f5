import { z } from "zod";

export const MAX_COMMENT = 500;

const scores = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"] as const;

/** The portal's survey form: one score 0-10 (required) and an optional reason. */
export const surveyFormSchema = z.object({
  score: z.enum(scores).transform(Number),
  comment: z
    .string()
    .trim()
    .max(MAX_COMMENT)
    .optional()
    .transform((v) => v || null),
});

export type SurveyForm = z.infer<typeof surveyFormSchema>;
export type SurveyFormProblem = "required" | "too_long";

/** The form as typed (to show it again) and, per field, what is wrong; or the parsed answer. */
export function readSurveyForm(
  body: Record<string, unknown>,
):
  | { ok: true; value: SurveyForm }
  | { ok: false; values: { score?: string; comment?: string }; problems: Partial<Record<"score" | "comment", SurveyFormProblem>> } {
  const values = {
    score: typeof body.score === "string" ? body.score : undefined,
    comment: typeof body.comment === "string" ? body.comment : undefined,
  };
  const parsed = surveyFormSchema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: Partial<Record<"score" | "comment", SurveyFormProblem>> = {};
  for (const issue of parsed.error.issues) {
    if (issue.path[0] === "score") problems.score = "required";
    if (issue.path[0] === "comment") problems.comment = "too_long";
  }
  return { ok: false, values, problems };
}
