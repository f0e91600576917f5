import { PortalPage } from "./layout";
import { type PortalKey, type PortalLanguage, t } from "./strings";

type Channel = "sms" | "email";

export interface PreferencesView {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  /** Channels we have an address for, with the address to show the patient. */
  channels: { channel: Channel; address: string }[];
  preferredChannel: Channel | null;
  consent: Record<Channel, boolean>;
  saved?: boolean;
  invalid?: boolean;
}

const words: Record<Channel, { option: PortalKey; on: PortalKey; off: PortalKey; stop: PortalKey; start: PortalKey }> = {
  sms: { option: "prefsChannelSms", on: "prefsSmsOn", off: "prefsSmsOff", stop: "prefsSmsStop", start: "prefsSmsStart" },
  email: { option: "prefsChannelEmail", on: "prefsEmailOn", off: "prefsEmailOff", stop: "prefsEmailStop", start: "prefsEmailStart" },
};

/** Three small forms, each saving one thing, so a patient never changes more than they meant to. */
export function PreferencesPage(v: PreferencesView) {
  const { lang } = v;
  const hidden = (field: string) => (
    <>
      <input type="hidden" name="_csrf" value={v.csrf} />
      <input type="hidden" name="field" value={field} />
    </>
  );
  return (
    <PortalPage lang={lang} title={t(lang, "prefsTitle")} clinicName={v.clinicName} csrf={v.csrf} section="preferences">
      <h1>{t(lang, "prefsTitle")}</h1>
      {v.saved && (
        <p class="notice" role="status">
          {t(lang, "prefsSaved")}
        </p>
      )}
      {v.invalid && (
        <p class="error" role="alert">
          {t(lang, "prefsInvalid")}
        </p>
      )}
      <form method="post" action="/portal/preferences" class="card">
        {hidden("language")}
        <fieldset>
          <legend>{t(lang, "prefsLanguage")}</legend>
          <div class="choice">
            <input type="radio" id="lang-en" name="language" value="en" checked={lang === "en"} />
            <label for="lang-en" lang="en">
              English
            </label>
          </div>
          <div class="choice">
            <input type="radio" id="lang-es" name="language" value="es" checked={lang === "es"} />
            <label for="lang-es" lang="es">
              Español
            </label>
          </div>
        </fieldset>
        <button type="submit">{t(lang, "prefsLanguageSave")}</button>
      </form>
      {v.channels.length === 0 ? (
        <p class="card">{t(lang, "prefsNoAddress")}</p>
      ) : (
        <>
          <form method="post" action="/portal/preferences" class="card">
            {hidden("channel")}
            <fieldset aria-describedby="channel-hint">
              <legend>{t(lang, "prefsChannel")}</legend>
              <p id="channel-hint" class="hint">
                {t(lang, "prefsChannelHint")}
              </p>
              {v.channels.map((c) => (
                <div class="choice">
                  <input
                    type="radio"
                    id={`channel-${c.channel}`}
                    name="channel"
                    value={c.channel}
                    checked={(v.preferredChannel ?? v.channels[0]?.channel) === c.channel}
                  />
                  <label for={`channel-${c.channel}`}>{t(lang, words[c.channel].option, { address: c.address })}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit">{t(lang, "prefsChannelSave")}</button>
          </form>
          <section class="card" aria-labelledby="consent-h">
            <h2 id="consent-h">{t(lang, "prefsConsent")}</h2>
            <p class="hint">{t(lang, "prefsConsentHint")}</p>
            {v.channels.map((c) => (
              <form method="post" action="/portal/preferences">
                {hidden("consent")}
                <input type="hidden" name="channel" value={c.channel} />
                <input type="hidden" name="status" value={v.consent[c.channel] ? "revoked" : "granted"} />
                <p>{t(lang, v.consent[c.channel] ? words[c.channel].on : words[c.channel].off)}</p>
                <button type="submit" class={v.consent[c.channel] ? "secondary" : undefined}>
                  {t(lang, v.consent[c.channel] ? words[c.channel].stop : words[c.channel].start)}
                </button>
              </form>
            ))}
          </section>
        </>
      )}
    </PortalPage>
  );
}
