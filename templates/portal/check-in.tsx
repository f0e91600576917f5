import { PortalPage } from "./layout";
import { type PortalKey, type PortalLanguage, t } from "./strings";

/** What is wrong with one answer (the same names as src/outcomes/form.ts). */
export type FieldProblem = "required" | "choose" | "too_long" | "name_activity";

const problemKeys: Record<FieldProblem, PortalKey> = {
  required: "outcomesErrRequired",
  choose: "outcomesErrChoose",
  too_long: "outcomesErrTooLong",
  name_activity: "outcomesErrNameActivity",
};

/** What is wrong with one answer, in the patient's language. */
export const problemText = (lang: PortalLanguage, problem: FieldProblem) => t(lang, problemKeys[problem]);

/** An inline error under a question, referenced by the field's aria-describedby. */
export function FieldError(props: { id: string; text: string | undefined }) {
  return props.text ? (
    <p class="error" id={props.id}>
      {props.text}
    </p>
  ) : null;
}

/** Eleven big buttons 0-10 (radio inputs with their labels), for pain and for "how likely to recommend". */
export function ZeroToTenScale(props: { name: string; chosen: string | undefined; invalid: boolean }) {
  return (
    <div class="pain-scale">
      {Array.from({ length: 11 }, (_, n) => (
        <span class="pain-option">
          <input
            type="radio"
            class="choice-input"
            name={props.name}
            id={`${props.name}-${n}`}
            value={String(n)}
            checked={props.chosen === String(n)}
            aria-invalid={props.invalid ? "true" : undefined}
          />
          <label for={`${props.name}-${n}`} class="choice-button">
            {n}
          </label>
        </span>
      ))}
    </div>
  );
}

/** An optional free-text note (500 characters at most) with its hint and inline error. */
export function NoteField(props: { name: string; label: string; hint: string; error: string | undefined; value: string | undefined }) {
  const { name } = props;
  return (
    <>
      <label for={name}>{props.label}</label>
      <p class="hint" id={`${name}-hint`}>
        {props.hint}
      </p>
      <FieldError id={`${name}-error`} text={props.error} />
      <textarea
        id={name}
        name={name}
        rows={3}
        maxlength={500}
        aria-describedby={props.error ? `${name}-hint ${name}-error` : `${name}-hint`}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.value ?? ""}
      </textarea>
    </>
  );
}

export interface CheckInView {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  values?: { pain?: string; note?: string };
  problems?: Partial<Record<"pain" | "note", FieldProblem>>;
}

/** The 10-second check-in: eleven big buttons (radio inputs with their labels), an optional note, send. */
export function CheckInPage(v: CheckInView) {
  const { lang } = v;
  const painError = v.problems?.pain && t(lang, "outcomesErrPain");
  const noteError = v.problems?.note && problemText(lang, v.problems.note);
  return (
    <PortalPage lang={lang} title={t(lang, "outcomesCheckInTitle")} clinicName={v.clinicName} csrf={v.csrf} section="check-in">
      <h1>{t(lang, "outcomesCheckInTitle")}</h1>
      {v.problems && (
        <p class="error" role="alert">
          {t(lang, "outcomesErrorSummary")}
        </p>
      )}
      <p>{t(lang, "outcomesCheckInIntro")}</p>
      <form method="post" action="/portal/check-in" class="card">
        <input type="hidden" name="_csrf" value={v.csrf} />
        <fieldset aria-describedby={painError ? "pain-hint pain-error" : "pain-hint"}>
          <legend id="pain">{t(lang, "outcomesPainLegend")}</legend>
          <p class="hint" id="pain-hint">
            {t(lang, "outcomesPainLow")} · {t(lang, "outcomesPainHigh")}
          </p>
          <FieldError id="pain-error" text={painError} />
          <ZeroToTenScale name="pain" chosen={v.values?.pain} invalid={Boolean(painError)} />
        </fieldset>
        <NoteField
          name="note"
          label={t(lang, "outcomesNoteLabel")}
          hint={t(lang, "outcomesNoteHint")}
          error={noteError}
          value={v.values?.note}
        />
        <button type="submit">{t(lang, "outcomesSend")}</button>
      </form>
    </PortalPage>
  );
}

export interface ThanksView {
  lang: PortalLanguage;
  clinicName: string;
  clinicPhone: string | null;
  csrf: string;
  section: "check-in" | "questionnaires";
  /** "We saved your pain: 6 out of 10." or the questionnaire's name. */
  message: string;
  /** The pain rule opened a task: say the clinic will be in touch, and to call if it is severe. */
  followUp: boolean;
}

export function ThanksPage(v: ThanksView) {
  const { lang } = v;
  return (
    <PortalPage lang={lang} title={t(lang, "outcomesThanksTitle")} clinicName={v.clinicName} csrf={v.csrf} section={v.section}>
      <h1>{t(lang, "outcomesThanksTitle")}</h1>
      <div class="notice" role="status">
        <p>{v.message}</p>
        {v.followUp && <p>{t(lang, "outcomesInTouch")}</p>}
      </div>
      {v.followUp && <CallIfSevere lang={lang} clinicName={v.clinicName} clinicPhone={v.clinicPhone} />}
      <p>
        <a href="/portal/progress">{t(lang, "outcomesSeeProgress")}</a>
      </p>
    </PortalPage>
  );
}

/** "Call us if severe", the number a tap-to-call link. */
function CallIfSevere(props: { lang: PortalLanguage; clinicName: string; clinicPhone: string | null }) {
  if (!props.clinicPhone) return <p>{t(props.lang, "outcomesCallIfSevereNoPhone", { clinic: props.clinicName })}</p>;
  const [before, after] = t(props.lang, "outcomesCallIfSevere").split("{phone}");
  return (
    <p>
      {before}
      <a href={`tel:${props.clinicPhone.replace(/[^+\d]/g, "")}`}>{props.clinicPhone}</a>
      {after}
    </p>
  );
}
