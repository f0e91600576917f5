import { Csrf } from "../components/form";
import { Layout } from "../layout";

export interface OutboxItem {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  createdAt: string;
  /** The message's status in the messages table, when this outbox row can be matched to one. */
  status?: string | null;
  statusReason?: string | null;
  /** An SMS to a patient of a clinic: the developer can answer it as the patient. */
  canReply?: boolean;
}

export interface SuppressedItem {
  id: string;
  createdAt: string;
  clinicName: string;
  patientName: string;
  channel: string;
  to: string;
  purpose: string;
  reason: string;
}

/** Development only: every message the app would have sent, newest first. Links are clickable. */
export function OutboxPage(props: {
  messages: OutboxItem[];
  suppressed?: SuppressedItem[];
  notice?: { ok: boolean; text: string };
  /** Present when a staff member is signed in: the reply form then carries the CSRF token. */
  csrfToken?: string;
}) {
  const { messages } = props;
  const suppressed = props.suppressed ?? [];
  return (
    <Layout title="Local outbox">
      <h1>Local outbox</h1>
      <p class="hint">Development only. Nothing here was sent anywhere. Also as JSON at /dev/outbox.json.</p>
      {props.notice && (
        <p class={props.notice.ok ? "notice" : "form-error"} role="status">
          {props.notice.text}
        </p>
      )}
      {messages.length === 0 && <p class="empty">No messages yet.</p>}
      <ol class="outbox">
        {messages.map((m) => (
          <li class="card" data-channel={m.channel}>
            <p class="meta">
              <strong>{m.channel.toUpperCase()}</strong> to {m.to} · {m.createdAt}
              {m.status && (
                <>
                  {" "}
                  <span class={`badge message-${m.status}`}>{m.status}</span>
                </>
              )}
              {m.statusReason && <span class="hint"> ({m.statusReason})</span>}
            </p>
            {m.subject && <h2>{m.subject}</h2>}
            <pre>{linkify(m.body)}</pre>
            {m.canReply && (
              <form method="post" action="/dev/outbox/reply" class="inline-form dev-reply">
                {props.csrfToken && <Csrf token={props.csrfToken} />}
                <input type="hidden" name="id" value={m.id} />
                <label for={`reply-${m.id}`}>Reply as this patient</label>
                <input
                  id={`reply-${m.id}`}
                  class="dev-reply-text"
                  name="text"
                  type="text"
                  required
                  maxlength={1600}
                  autocomplete="off"
                  placeholder="C"
                />
                <button type="submit" class="secondary">
                  Send reply
                </button>
              </form>
            )}
          </li>
        ))}
      </ol>
      <h2 id="suppressed">Suppressed (never sent)</h2>
      <p class="hint">The latest {suppressed.length} messages the rules stopped, with the reason: they never reach the outbox.</p>
      {suppressed.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <table class="list suppressed">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Clinic</th>
              <th scope="col">Patient</th>
              <th scope="col">Message</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {suppressed.map((s) => (
              <tr>
                <td>{s.createdAt}</td>
                <td>{s.clinicName}</td>
                <td>
                  {s.patientName} <span class="hint">({s.to || "no address"})</span>
                </td>
                <td>
                  {s.channel.toUpperCase()} · {s.purpose}
                </td>
                <td>{s.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function linkify(body: string) {
  return body.split(/(https?:\/\/\S+)/g).map((part) => (/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part));
}
