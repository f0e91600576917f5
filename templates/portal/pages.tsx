import { PortalLayout, PortalPage } from "./layout";
import { type PortalLanguage, t } from "./strings";

export function LinkLandingPage(props: { lang: PortalLanguage; clinicName: string; token: string; survey?: boolean }) {
  // The discharge survey's link is not about visits: its landing says what it is for.
  const title = t(props.lang, props.survey ? "surveyOpenTitle" : "openTitle", { clinic: props.clinicName });
  return (
    <PortalLayout lang={props.lang} title={title}>
      <h1>{title}</h1>
      <p>{t(props.lang, "openIntro")}</p>
      <form method="post" action={`/p/${props.token}`}>
        <button type="submit">{t(props.lang, "openButton")}</button>
      </form>
    </PortalLayout>
  );
}

export function LinkInvalidPage(props: {
  lang: PortalLanguage;
  clinicName?: string;
  clinicPhone?: string | null;
  sessionEnded?: boolean;
  signedOut?: boolean;
}) {
  const phone = props.clinicPhone ? ` (${props.clinicPhone})` : "";
  if (props.signedOut) {
    return (
      <PortalLayout lang={props.lang} title={t(props.lang, "signedOutTitle")}>
        <h1>{t(props.lang, "signedOutTitle")}</h1>
        <p role="status">{t(props.lang, "signedOut")}</p>
      </PortalLayout>
    );
  }
  return (
    <PortalLayout lang={props.lang} title={t(props.lang, "linkInvalidTitle")}>
      <h1>{t(props.lang, "linkInvalidTitle")}</h1>
      <p role="alert">
        {props.sessionEnded
          ? t(props.lang, "sessionEnded")
          : t(props.lang, "linkInvalid", { clinic: props.clinicName ?? t(props.lang, "yourClinic"), phone })}
      </p>
    </PortalLayout>
  );
}

export interface PortalVisitView {
  id: string;
  when: string;
  status: "booked" | "confirmed";
}

export function PortalHomePage(props: {
  lang: PortalLanguage;
  firstName: string;
  clinicName: string;
  clinicPhone: string | null;
  csrf: string;
  visit: PortalVisitView | null;
  notice?: "confirmed" | "cancelled" | "rescheduled" | "refused";
}) {
  const { lang } = props;
  return (
    <PortalPage lang={lang} title={t(lang, "navHome")} clinicName={props.clinicName} csrf={props.csrf} section="home">
      <h1>{t(lang, "hello", { name: props.firstName })}</h1>
      {props.notice === "confirmed" && (
        <p class="notice" role="status">
          {t(lang, "confirmedNow")}
        </p>
      )}
      {props.notice === "cancelled" && (
        <p class="notice" role="status">
          {t(lang, "cancelled")}
        </p>
      )}
      {props.notice === "rescheduled" && (
        <p class="notice" role="status">
          {t(lang, "rescheduled")}
        </p>
      )}
      {props.notice === "refused" && (
        <p class="error" role="alert">
          {t(lang, "refused")}
        </p>
      )}
      <section aria-labelledby="next-h" class="card">
        <h2 id="next-h">{t(lang, "nextVisit")}</h2>
        {props.visit ? (
          <>
            <p class="when">{props.visit.when}</p>
            <p>{props.visit.status === "confirmed" ? t(lang, "statusConfirmed") : t(lang, "statusBooked")}</p>
            {props.visit.status === "booked" && (
              <form method="post" action={`/portal/visits/${props.visit.id}/confirm`}>
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit">{t(lang, "confirm")}</button>
              </form>
            )}
            <p>
              <a href={`/portal/visits/${props.visit.id}/reschedule`}>{t(lang, "rescheduleLink")}</a>
            </p>
            <form method="post" action={`/portal/visits/${props.visit.id}/cancel`} class="cancel">
              <input type="hidden" name="_csrf" value={props.csrf} />
              <label for="reason">{t(lang, "cancelReason")}</label>
              <input id="reason" name="reason" maxlength={200} autocomplete="off" />
              <button type="submit" class="secondary">
                {t(lang, "cancel")}
              </button>
            </form>
          </>
        ) : (
          <p>{t(lang, "noVisit")}</p>
        )}
      </section>
      {props.clinicPhone && <p>{t(lang, "callUs", { phone: props.clinicPhone })}</p>}
    </PortalPage>
  );
}
