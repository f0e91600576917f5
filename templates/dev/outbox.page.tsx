import { Layout } from "../layout";

export interface OutboxItem {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  createdAt: string;
}

/** Development only: every message the app would have sent, newest first. Links are clickable. */
export function OutboxPage({ messages }: { messages: OutboxItem[] }) {
  return (
    <Layout title="Local outbox">
      <h1>Local outbox</h1>
      <p class="hint">Development only. Nothing here was sent anywhere. Also as JSON at /dev/outbox.json.</p>
      {messages.length === 0 && <p class="empty">No messages yet.</p>}
      <ol class="outbox">
        {messages.map((m) => (
          <li class="card" data-channel={m.channel}>
            <p class="meta">
              <strong>{m.channel.toUpperCase()}</strong> to {m.to} · {m.createdAt}
            </p>
            {m.subject && <h2>{m.subject}</h2>}
            <pre>{linkify(m.body)}</pre>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

function linkify(body: string) {
  return body.split(/(https?:\/\/\S+)/g).map((part) => (/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part));
}
