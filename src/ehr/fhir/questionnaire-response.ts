// FHIR QuestionnaireResponse to one of our instruments (NPRS, PSFS, LEFS, ODI, NDI) -> a scored outcome. Pure.
import { z } from "zod";
import { type Answers, type InstrumentId, isInstrumentId } from "../../outcomes/questionnaires";
import { score } from "../../outcomes/scoring";
import { invalid, type Mapped, mapped, readShape, referenceOf, referenceShape, skipped } from "./common";

interface Item {
  linkId?: string;
  answer?: { valueInteger?: number; valueDecimal?: number; valueString?: string; valueCoding?: { code?: string } }[];
  item?: Item[];
}

const itemShape: z.ZodType<Item> = z.lazy(() =>
  z.object({
    linkId: z.string().optional(),
    answer: z
      .array(
        z.object({
          valueInteger: z.number().optional(),
          valueDecimal: z.number().optional(),
          valueString: z.string().optional(),
          valueCoding: z.object({ code: z.string().optional() }).optional(),
        }),
      )
      .optional(),
    item: z.array(itemShape).optional(),
  }),
);

const responseShape = z.object({
  resourceType: z.literal("QuestionnaireResponse"),
  questionnaire: z.string().optional(),
  status: z.string({ message: "status is required" }),
  subject: referenceShape.optional(),
  authored: z.string().optional(),
  meta: z.object({ lastUpdated: z.string().optional() }).optional(),
  item: z.array(itemShape).optional(),
});

export interface OutcomeFacts {
  subject: string;
  instrumentId: InstrumentId;
  answers: Answers;
  score: number;
  authored: string;
}

/** Our instrument a canonical URL names: its last path segment, without a version ("…/Questionnaire/lefs|2.0"). */
export function instrumentOf(canonical: string | undefined): InstrumentId | null {
  const id = canonical?.split("|")[0]?.split("/").pop()?.toLowerCase();
  return id && isInstrumentId(id) ? id : null;
}

function collectAnswers(items: Item[] | undefined, into: Answers): Answers {
  for (const item of items ?? []) {
    const a = item.answer?.[0];
    if (item.linkId && a) {
      const coded = a.valueCoding?.code;
      into[item.linkId] =
        a.valueInteger ?? a.valueDecimal ?? a.valueString ?? (coded !== undefined && /^-?\d+$/.test(coded) ? Number(coded) : coded);
    }
    collectAnswers(item.item, into);
  }
  return into;
}

const DONE = new Set(["completed", "amended"]);

export function mapQuestionnaireResponse(resource: unknown): Mapped<OutcomeFacts> {
  const read = readShape(responseShape, resource);
  if (!read.ok) return invalid(read.reason);
  const r = read.data;
  const instrumentId = instrumentOf(r.questionnaire);
  if (!instrumentId) return skipped("questionnaire is not one of ours (NPRS, PSFS, LEFS, ODI, NDI)");
  if (!DONE.has(r.status)) return skipped(`${r.status.slice(0, 20)} questionnaire: not completed`);
  const subject = referenceOf(r.subject);
  if (!subject) return invalid("subject (the patient) is required");
  const authored = r.authored ?? r.meta?.lastUpdated;
  if (!authored) return invalid("authored is required");
  const answers = collectAnswers(r.item, {});
  const result = score(instrumentId, answers);
  if (!result.ok) {
    const why = result.errors.slice(0, 3).map((e) => (e.linkId ? `${e.linkId}: ${e.message}` : e.message));
    return invalid(`the answers do not score as ${instrumentId.toUpperCase()}: ${why.join("; ")}`);
  }
  return mapped({ subject, instrumentId, answers, score: result.score, authored });
}
