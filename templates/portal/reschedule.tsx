import { PortalPage } from "./layout";
import { type PortalLanguage, t } from "./strings";

/** One local day of open times, labelled in the patient's language. */
export interface SlotDay {
  date: string;
  label: string;
  slots: { startsAt: number; label: string }[];
}

export interface ReschedulePageView {
  lang: PortalLanguage;
  clinicName: string;
  clinicPhone: string | null;
  csrf: string;
  visitId: string;
  /** The visit's current time, already formatted in the patient's zone. */
  when: string;
  zoneName: string;
  days: SlotDay[];
  /** More open times exist than the page lists. */
  truncated: boolean;
  error?: "taken" | "invalid";
}

/** One radio group of open times, a fieldset per day so a screen reader hears the day with each time. */
export function ReschedulePage(v: ReschedulePageView) {
  const { lang } = v;
  let n = 0;
  return (
    <PortalPage lang={lang} title={t(lang, "rescheduleTitle")} clinicName={v.clinicName} csrf={v.csrf} section="home">
      <h1>{t(lang, "rescheduleTitle")}</h1>
      {v.error && (
        <p class="error" role="alert">
          {t(lang, v.error === "taken" ? "rescheduleTaken" : "rescheduleInvalid")}
        </p>
      )}
      <p>{t(lang, "rescheduleCurrent", { when: v.when })}</p>
      {v.days.length === 0 ? (
        <p>{t(lang, "rescheduleNone")}</p>
      ) : (
        <form method="post" action={`/portal/visits/${v.visitId}/reschedule`} class="card">
          <input type="hidden" name="_csrf" value={v.csrf} />
          <h2>{t(lang, "rescheduleChoose")}</h2>
          <p class="hint">{t(lang, "rescheduleIntro", { zone: v.zoneName })}</p>
          {v.days.map((d) => (
            <fieldset class="slot-day">
              <legend>{d.label}</legend>
              <ul class="slots">
                {d.slots.map((s) => {
                  const id = `s${n++}`;
                  return (
                    <li>
                      <input type="radio" name="startsAt" id={id} value={String(s.startsAt)} required />
                      <label for={id}>{s.label}</label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ))}
          {v.truncated && <p class="hint">{t(lang, "rescheduleMore")}</p>}
          <button type="submit">{t(lang, "rescheduleSubmit")}</button>
        </form>
      )}
      {v.clinicPhone && <p>{t(lang, "callUs", { phone: v.clinicPhone })}</p>}
      <p>
        <a href="/portal">{t(lang, "rescheduleBack")}</a>
      </p>
    </PortalPage>
  );
}

/** A visit that is not this patient's (404), or that can no longer move (409). */
export function VisitUnavailablePage(v: { lang: PortalLanguage; clinicName: string; csrf: string; missing: boolean }) {
  const title = t(v.lang, v.missing ? "rescheduleNotFound" : "rescheduleTitle");
  return (
    <PortalPage lang={v.lang} title={title} clinicName={v.clinicName} csrf={v.csrf} section="home">
      <h1>{title}</h1>
      <p role="alert">{t(v.lang, v.missing ? "rescheduleNotFoundHint" : "refused")}</p>
      <p>
        <a href="/portal">{t(v.lang, "rescheduleBack")}</a>
      </p>
    </PortalPage>
  );
}
