import { Layout, type LayoutProps } from "../layout";
import { ThreadControls, type ThreadControlsProps } from "./controls.partial";
import { Conversation, type ConversationProps } from "./conversation.partial";

export interface ThreadPatientView {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  language: string;
  consent: { sms: string; email: string };
}

/** One patient's conversation across SMS and email, with assignment and the reply form. */
export function ThreadPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  patient: ThreadPatientView;
  controls: ThreadControlsProps;
  conversation: ConversationProps;
}) {
  const p = props.patient;
  return (
    <Layout title={`Inbox: ${p.name}`} staff={props.staff} active="inbox">
      <p>
        <a href="/inbox">← Inbox</a>
      </p>
      <div class="page-head">
        <h1>{p.name}</h1>
        <a href={`/patients/${p.id}`}>Patient page</a>
      </div>
      <dl class="facts thread-facts">
        <dt>Mobile</dt>
        <dd>
          {p.phone ?? "—"} <span class="hint">(texts: {p.consent.sms})</span>
        </dd>
        <dt>Email</dt>
        <dd>
          {p.email ?? "—"} <span class="hint">(email: {p.consent.email})</span>
        </dd>
        <dt>Language</dt>
        <dd>{p.language}</dd>
      </dl>
      <ThreadControls {...props.controls} />
      <Conversation {...props.conversation} />
    </Layout>
  );
}
