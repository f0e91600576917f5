import { PortalPage } from "./layout";
import { type PortalKey, type PortalLanguage, t } from "./strings";

export interface ThreadMessage {
  id: string;
  fromPatient: boolean;
  channel: "sms" | "email" | "portal";
  /** Formatted in the patient's time zone. */
  at: string;
  subject: string | null;
  body: string;
}

const channelLabel: Record<ThreadMessage["channel"], PortalKey> = {
  sms: "messagesChannelSms",
  email: "messagesChannelEmail",
  portal: "messagesChannelPortal",
};

/** The thread, newest last, then the form: the patient reads up to the latest before writing. */
export function MessagesPage(v: {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  messages: ThreadMessage[];
  truncated: boolean;
  sent?: boolean;
  error?: "messagesTooLong" | "messagesEmptyError";
  text?: string;
}) {
  const { lang } = v;
  return (
    <PortalPage lang={lang} title={t(lang, "messagesTitle")} clinicName={v.clinicName} csrf={v.csrf} section="messages">
      <h1>{t(lang, "messagesTitle")}</h1>
      <p>{t(lang, "messagesIntro", { clinic: v.clinicName })}</p>
      {v.sent && (
        <p class="notice" role="status">
          {t(lang, "messagesSent")}
        </p>
      )}
      {v.truncated && <p class="hint">{t(lang, "messagesOlder")}</p>}
      {v.messages.length === 0 ? (
        <p>{t(lang, "messagesEmpty")}</p>
      ) : (
        <ol class="thread">
          {v.messages.map((m) => (
            <li class={m.fromPatient ? "msg from-patient" : "msg from-clinic"}>
              <p class="msg-meta">
                <strong>{m.fromPatient ? t(lang, "messagesYou") : v.clinicName}</strong> · {t(lang, channelLabel[m.channel])} · {m.at}
              </p>
              {m.subject && <p class="msg-subject">{m.subject}</p>}
              <p class="msg-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action="/portal/messages" class="card">
        <input type="hidden" name="_csrf" value={v.csrf} />
        <label for="message-text">{t(lang, "messagesWrite")}</label>
        <p id="message-hint" class="hint">
          {t(lang, "messagesHint")}
        </p>
        {v.error && (
          <p id="message-error" class="error" role="alert">
            {t(lang, v.error)}
          </p>
        )}
        <textarea
          id="message-text"
          name="text"
          rows={5}
          maxlength={1000}
          required
          aria-describedby={v.error ? "message-hint message-error" : "message-hint"}
          aria-invalid={v.error ? "true" : undefined}
        >
          {v.text ?? ""}
        </textarea>
        <button type="submit">{t(lang, "messagesSend")}</button>
      </form>
    </PortalPage>
  );
}
