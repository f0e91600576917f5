import { Layout, type LayoutProps } from "../layout";

export interface ThreadSummaryView {
  patientId: string;
  patientName: string;
  unread: number;
  status: "open" | "done";
  assigneeName: string | null;
  /** Clinic-local time of the last message. */
  lastAt: string;
  preview: { text: string; channel: "sms" | "email" | "portal"; direction: "inbound" | "outbound" } | null;
}

const filters = [
  ["open", "Open"],
  ["mine", "Mine"],
  ["done", "Done"],
  ["all", "All"],
] as const;

/** The shared inbox: one row per patient, newest first, unread counts in the rows and the title. */
export function InboxPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  filter: string;
  unreadTotal: number;
  threads: ThreadSummaryView[];
  truncated: boolean;
}) {
  const title = props.unreadTotal > 0 ? `Inbox (${props.unreadTotal})` : "Inbox";
  return (
    <Layout title={title} staff={props.staff} active="inbox">
      <h1>Inbox {props.unreadTotal > 0 && <span class="badge unread-badge">{props.unreadTotal} unread</span>}</h1>
      <nav aria-label="Inbox filter" class="subnav">
        {filters.map(([key, text]) => (
          <a href={key === "open" ? "/inbox" : `/inbox?filter=${key}`} aria-current={props.filter === key ? "page" : undefined}>
            {text}
          </a>
        ))}
      </nav>
      {props.threads.length === 0 ? (
        <p class="empty">No conversations here.</p>
      ) : (
        <table class="list inbox">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Last message</th>
              <th scope="col">When</th>
              <th scope="col">Assigned to</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.threads.map((t) => (
              <tr class={t.unread > 0 ? "thread unread" : "thread"}>
                <td>
                  <a href={`/inbox/${t.patientId}`}>{t.patientName}</a>
                  {t.unread > 0 && <span class="badge unread-badge"> {t.unread} unread</span>}
                </td>
                <td class="preview">
                  {t.preview ? (
                    <>
                      <span class="badge channel">{{ sms: "SMS", email: "Email", portal: "Portal" }[t.preview.channel]}</span>{" "}
                      {t.preview.direction === "inbound" ? "" : "Clinic: "}
                      {t.preview.text}
                    </>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
                <td>{t.lastAt}</td>
                <td>{t.assigneeName ?? <span class="muted">Unassigned</span>}</td>
                <td>
                  <span class={`badge thread-${t.status}`}>{t.status === "open" ? "Open" : "Done"}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.truncated && <p class="hint">Showing the latest {props.threads.length} conversations.</p>}
    </Layout>
  );
}
