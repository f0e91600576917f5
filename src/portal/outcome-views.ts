// Turns instrument definitions and outcome data into the plain props the portal templates render
// (templates import nothing from src): texts in the patient's language, scores in each instrument's terms.
import { dateFormatter, numberFormatter } from "../../templates/components/chart-scale";
import type { ProgressView, ScoreLine } from "../../templates/portal/progress";
import type { FormItem, OfferView } from "../../templates/portal/questionnaires";
import { type PortalLanguage, t } from "../../templates/portal/strings";
import type { QuestionnaireOffer } from "../outcomes/plan";
import type { OutcomeSummary, ProgressData } from "../outcomes/progress";
import { type InstrumentDefinition, type InstrumentId, instruments, optionValue } from "../outcomes/questionnaires";

/** The instrument's title in the patient's language. */
export const instrumentTitle = (id: InstrumentId, lang: PortalLanguage) =>
  lang === "es" ? instruments[id].es.title : instruments[id].questionnaire.title;

/** Every item of a questionnaire with its text and answer labels in the patient's language. */
export function formItems(def: InstrumentDefinition, lang: PortalLanguage): FormItem[] {
  return def.questionnaire.item.map((item) => {
    const options = (item.answerOption ?? []).map((o) => ({
      value: String(optionValue(o)),
      label:
        "valueInteger" in o
          ? String(o.valueInteger)
          : lang === "es"
            ? (def.es.answers?.[o.valueCoding.code] ?? o.valueCoding.display)
            : o.valueCoding.display,
    }));
    return {
      linkId: item.linkId,
      text: lang === "es" ? (def.es.items[item.linkId] ?? item.text) : item.text,
      kind: item.type === "string" ? "text" : (item.answerOption ?? []).every((o) => "valueInteger" in o) ? "scale" : "options",
      optional: !item.required,
      maxLength: item.maxLength,
      options,
    };
  });
}

export function offerViews(offers: QuestionnaireOffer[], lang: PortalLanguage, zone: string): OfferView[] {
  const date = dateFormatter(lang, zone);
  return offers.map((o) => ({
    instrumentId: o.instrumentId,
    title: instrumentTitle(o.instrumentId, lang),
    due: o.due,
    lastDate: o.lastAt === null ? null : date(o.lastAt),
    // PSFS has as many questions as the patient names activities.
    questions: o.instrumentId === "psfs" ? null : instruments[o.instrumentId].questionnaire.item.length,
  }));
}

/** A score in its instrument's own terms: "52 of 80", "30%", "6.5 of 10". */
export function scoreText(instrumentId: InstrumentId, value: number, lang: PortalLanguage): string {
  const def = instruments[instrumentId];
  const num = numberFormatter(lang);
  if (def.unit === "percent") return lang === "es" ? `${num(value)} %` : `${num(value)}%`;
  return t(lang, "outcomesOf", { value: num(value), max: num(def.range.max) });
}

function scoreLine(s: OutcomeSummary, lang: PortalLanguage, zone: string): ScoreLine {
  return {
    name: instrumentTitle(s.instrumentId, lang),
    latest: scoreText(s.instrumentId, s.latest.score, lang),
    latestDate: dateFormatter(lang, zone)(s.latest.at),
    first: s.change ? scoreText(s.instrumentId, s.first.score, lang) : null,
    change: s.change,
  };
}

export function progressView(data: ProgressData, lang: PortalLanguage, zone: string): Pick<ProgressView, "chart" | "pain" | "outcomes"> {
  return {
    chart: data.chart,
    pain: data.pain && scoreLine(data.pain, lang, zone),
    outcomes: data.outcomes.map((o) => scoreLine(o, lang, zone)),
  };
}
