import { Csrf, type FieldErrors } from "../components/form";

export interface MessageView {
  id: string;
  direction: "inbound" | "outbound";
  channel: "sms" | "email" | "portal";
  /** Clinic-local time, e.g. "Tue 1 Dec 2026 10:00". */
  at: string;
  subject: string | null;
  body: string;
  status: string;
  /** Plain words for the status, e.g. "Scheduled for Wed 2 Dec 08:00". */
  statusText: string;
  /** Why it was suppressed, cancelled or failed. */
  reason: string | null;
  /** "Ana (staff)", "Automated: visit reminder", or the patient. */
  by: string;
  unread: boolean;
}

export interface ReplyResult {
  kind: "ok" | "scheduled" | "refused";
  text: string;
}

export interface ConversationProps {
  patientId: string;
  csrfToken: string;
  messages: MessageView[];
  truncated: boolean;
  replyChannels: ("sms" | "email")[];
  /** Why nothing can be sent, when replyChannels is empty. */
  noChannelReason: string;
  values?: { channel?: string; text?: string; overrideQuietHours?: string };
  errors?: FieldErrors;
  result?: ReplyResult;
  /** After a reply, focus returns to the text box. */
  focus?: boolean;
}

const channelWords = { sms: "Text (SMS)", email: "Email" } as const;
/** "Portal": the patient wrote on their portal page. */
const channelBadges = { sms: "SMS", email: "Email", portal: "Portal" } as const;

/** The messages and the reply form: a reply swaps this whole block, so the new message appears in place. */
export function Conversation(props: ConversationProps) {
  const action = `/inbox/${props.patientId}/reply`;
  const e = props.errors ?? {};
  // After a refused submit the typed text and the box come back; after a send the form is empty.
  const keep = Object.keys(e).length > 0;
  const v = props.values ?? {};
  return (
    <section id="conversation" class="conversation" aria-label="Conversation">
      {props.truncated && <p class="hint">Showing the latest {props.messages.length} messages.</p>}
      {props.messages.length === 0 ? (
        <p class="empty">No messages with this patient yet.</p>
      ) : (
        <ol class="messages">
          {props.messages.map((m) => (
            <li id={`message-${m.id}`} class={`message ${m.direction} status-${m.status}${m.unread ? " unread" : ""}`}>
              <p class="message-meta">
                <span class="badge channel">{channelBadges[m.channel]}</span> {m.direction === "inbound" ? "From" : "To"} the patient ·{" "}
                {m.by} · <time>{m.at}</time>
                {m.unread && <span class="badge unread-badge"> New</span>}
              </p>
              {m.subject && <p class="message-subject">{m.subject}</p>}
              <p class="message-body">{m.body}</p>
              <p class="message-status">
                <span class={`badge message-${m.status}`}>{m.statusText}</span>
                {m.reason && <span class="message-reason"> Reason: {m.reason}</span>}
              </p>
            </li>
          ))}
        </ol>
      )}
      {props.result && (
        <p class={props.result.kind === "refused" ? "form-error" : "notice"} role="status">
          {props.result.text}
        </p>
      )}
      {props.replyChannels.length === 0 ? (
        <p class="hint reply-blocked">Replies are not possible: {props.noChannelReason}</p>
      ) : (
        <form
          method="post"
          action={action}
          hx-post={action}
          hx-target="#conversation"
          hx-swap="outerHTML"
          hx-indicator="#loading"
          class="reply-form"
          novalidate
        >
          <Csrf token={props.csrfToken} />
          <div class={e.channel ? "field invalid" : "field"}>
            <label for="reply-channel">Send by</label>
            <select id="reply-channel" name="channel">
              {props.replyChannels.map((ch) => (
                <option value={ch} selected={v.channel === ch}>
                  {channelWords[ch]}
                </option>
              ))}
            </select>
            {e.channel && <small class="error">{e.channel}</small>}
          </div>
          <div class={e.text ? "field wide invalid" : "field wide"}>
            <label for="reply-text">Reply</label>
            <textarea
              id="reply-text"
              name="text"
              rows={3}
              maxlength={1000}
              required
              autofocus={props.focus}
              aria-invalid={e.text ? "true" : undefined}
              aria-describedby={e.text ? "reply-text-hint reply-text-error" : "reply-text-hint"}
            >
              {keep ? (v.text ?? "") : ""}
            </textarea>
            <small id="reply-text-hint" class="hint">
              Keep clinical detail out of text messages (minimum necessary).
            </small>
            {e.text && (
              <small id="reply-text-error" class="error">
                {e.text}
              </small>
            )}
          </div>
          <label class="check">
            <input type="checkbox" name="overrideQuietHours" checked={keep && v.overrideQuietHours === "on"} /> Send now even in quiet hours
          </label>
          <div class="actions">
            <button type="submit">Send reply</button>
          </div>
        </form>
      )}
    </section>
  );
}
