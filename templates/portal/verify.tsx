import { PortalLayout, PortalPage } from "./layout";
import { type PortalLanguage, t } from "./strings";

export interface VerifyView {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  next: string;
  /** SMS codes are offered only to a patient with a phone who consented to texts. */
  canText: boolean;
  codeSent?: boolean;
  error?: string;
  values?: { day?: string; month?: string; year?: string };
}

/** The one-time check per device; day-month-year fields (in the patient's order) are easier than a date picker for a birth date. */
export function VerifyPage(v: VerifyView) {
  const { lang } = v;
  const field = (name: "day" | "month" | "year", label: "verifyDay" | "verifyMonth" | "verifyYear", size: number) => (
    <div class={`dob-${name}`}>
      <label for={`dob-${name}`}>{t(lang, label)}</label>
      <input
        id={`dob-${name}`}
        name={name}
        inputmode="numeric"
        pattern="[0-9]*"
        maxlength={size}
        autocomplete={`bday-${name}`}
        value={v.values?.[name] ?? ""}
        aria-describedby="dob-hint"
        aria-invalid={v.error ? "true" : undefined}
      />
    </div>
  );
  return (
    <PortalPage lang={lang} title={t(lang, "verifyTitle")} clinicName={v.clinicName} csrf={v.csrf}>
      <h1>{t(lang, "verifyTitle")}</h1>
      {v.error && (
        <p class="error" role="alert" id="verify-error">
          {v.error}
        </p>
      )}
      {v.codeSent && (
        <p class="notice" role="status">
          {t(lang, "verifyCodeSent")}
        </p>
      )}
      <p>{t(lang, "verifyIntro")}</p>
      <form method="post" action="/portal/verify" class="card">
        <input type="hidden" name="_csrf" value={v.csrf} />
        <input type="hidden" name="next" value={v.next} />
        <input type="hidden" name="method" value="date_of_birth" />
        <fieldset>
          <legend>{t(lang, "verifyDob")}</legend>
          <p id="dob-hint" class="hint">
            {t(lang, "verifyDobHint")}
          </p>
          <div class="dob">
            {lang === "en" ? field("month", "verifyMonth", 2) : field("day", "verifyDay", 2)}
            {lang === "en" ? field("day", "verifyDay", 2) : field("month", "verifyMonth", 2)}
            {field("year", "verifyYear", 4)}
          </div>
        </fieldset>
        <button type="submit">{t(lang, "verifySubmit")}</button>
      </form>
      {v.canText && (
        <section class="card" aria-labelledby="code-h">
          <h2 id="code-h">{t(lang, "verifyOr")}</h2>
          {v.codeSent ? (
            <form method="post" action="/portal/verify">
              <input type="hidden" name="_csrf" value={v.csrf} />
              <input type="hidden" name="next" value={v.next} />
              <input type="hidden" name="method" value="sms_code" />
              <label for="code">{t(lang, "verifyCodeLabel")}</label>
              <input id="code" name="code" inputmode="numeric" pattern="[0-9]*" maxlength={6} autocomplete="one-time-code" />
              <button type="submit">{t(lang, "verifySubmit")}</button>
            </form>
          ) : (
            <form method="post" action="/portal/verify/code">
              <input type="hidden" name="_csrf" value={v.csrf} />
              <input type="hidden" name="next" value={v.next} />
              <button type="submit" class="secondary-neutral">
                {t(lang, "verifySendCode")}
              </button>
            </form>
          )}
        </section>
      )}
    </PortalPage>
  );
}

export function LockedPage(props: { lang: PortalLanguage; clinicName: string; clinicPhone: string | null }) {
  const phone = props.clinicPhone ? ` (${props.clinicPhone})` : "";
  return (
    <PortalLayout lang={props.lang} title={t(props.lang, "verifyLockedTitle")}>
      <p class="clinic">{props.clinicName}</p>
      <h1>{t(props.lang, "verifyLockedTitle")}</h1>
      <p role="alert">{t(props.lang, "verifyLocked", { clinic: props.clinicName, phone })}</p>
    </PortalLayout>
  );
}
