import { FieldError, NoteField, ZeroToTenScale } from "./check-in";
import { PortalPage } from "./layout";
import { type PortalLanguage, t } from "./strings";

export interface SurveyView {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  /** The episode's answer so far, chosen again on the form (the comment is never shown back). */
  previousScore?: number | null;
  values?: { score?: string; comment?: string };
  problems?: Partial<Record<"score" | "comment", "required" | "too_long">>;
}

/** The discharge survey: "how likely are you to recommend us", eleven big buttons 0-10 (radio inputs), an optional reason. */
export function SurveyPage(v: SurveyView) {
  const { lang } = v;
  const scoreError = v.problems?.score && t(lang, "surveyErrScore");
  const commentError = v.problems?.comment && t(lang, "surveyErrTooLong");
  const chosen = v.values?.score ?? (v.previousScore === null || v.previousScore === undefined ? undefined : String(v.previousScore));
  return (
    <PortalPage lang={lang} title={t(lang, "surveyTitle")} clinicName={v.clinicName} csrf={v.csrf}>
      <h1>{t(lang, "surveyTitle")}</h1>
      {v.problems && (
        <p class="error" role="alert">
          {t(lang, "surveyErrorSummary")}
        </p>
      )}
      <p>{t(lang, "surveyIntro", { clinic: v.clinicName })}</p>
      {typeof v.previousScore === "number" && !v.problems && (
        <p class="notice" role="status">
          {t(lang, "surveyAnsweredBefore", { score: String(v.previousScore) })}
        </p>
      )}
      <form method="post" action="/portal/survey" class="card">
        <input type="hidden" name="_csrf" value={v.csrf} />
        <fieldset aria-describedby={scoreError ? "score-hint score-error" : "score-hint"}>
          <legend id="score">{t(lang, "surveyLegend", { clinic: v.clinicName })}</legend>
          <p class="hint" id="score-hint">
            {t(lang, "surveyLow")} · {t(lang, "surveyHigh")}
          </p>
          <FieldError id="score-error" text={scoreError} />
          <ZeroToTenScale name="score" chosen={chosen} invalid={Boolean(scoreError)} />
        </fieldset>
        <NoteField
          name="comment"
          label={t(lang, "surveyCommentLabel")}
          hint={t(lang, "surveyCommentHint")}
          error={commentError}
          value={v.values?.comment}
        />
        <button type="submit">{t(lang, "surveySend")}</button>
      </form>
    </PortalPage>
  );
}

export interface SurveyThanksView {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  category: "promoter" | "passive" | "detractor";
  /** A promoter's way to the clinic's review page (Rapport's review link), when the clinic has one. */
  reviewHref: string | null;
  /** A service-recovery task is open: say the clinic will be in touch. */
  followUp: boolean;
}

const thanksKey = { promoter: "surveyThanksPromoter", passive: "surveyThanksPassive", detractor: "surveyThanksDetractor" } as const;

export function SurveyThanksPage(v: SurveyThanksView) {
  const { lang } = v;
  return (
    <PortalPage lang={lang} title={t(lang, "surveyThanksTitle")} clinicName={v.clinicName} csrf={v.csrf}>
      <h1>{t(lang, "surveyThanksTitle")}</h1>
      <div class="notice" role="status">
        <p>{t(lang, thanksKey[v.category])}</p>
        {v.followUp && <p>{t(lang, "surveyInTouch", { clinic: v.clinicName })}</p>}
      </div>
      {v.reviewHref && (
        <div class="card">
          <p>{t(lang, "surveyReviewAsk")}</p>
          {/* A GET form: a real button without script or extra styles; the link leaves for the review site. */}
          <form method="get" action={v.reviewHref}>
            <button type="submit">{t(lang, "surveyReviewButton")}</button>
          </form>
        </div>
      )}
      <p>
        <a href="/portal/survey">{t(lang, "surveyChange")}</a>
      </p>
      <p>
        <a href="/portal">{t(lang, "surveyHome")}</a>
      </p>
    </PortalPage>
  );
}

/** A survey link with nothing to answer (no discharged episode): a friendly word and the way home. */
export function SurveyNothingPage(v: { lang: PortalLanguage; clinicName: string; csrf: string }) {
  return (
    <PortalPage lang={v.lang} title={t(v.lang, "surveyTitle")} clinicName={v.clinicName} csrf={v.csrf}>
      <h1>{t(v.lang, "surveyTitle")}</h1>
      <p role="status">{t(v.lang, "surveyNothing")}</p>
      <p>
        <a href="/portal">{t(v.lang, "surveyHome")}</a>
      </p>
    </PortalPage>
  );
}
