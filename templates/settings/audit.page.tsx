import { Layout, type LayoutProps } from "../layout";
import { SettingsNav } from "./nav";

export interface AuditEventView {
  id: string;
  at: string;
  actor: string;
  action: string;
  patientId: string | null;
  route: string;
  clientIp: string | null;
  userAgent: string | null;
}

export function AuditPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  events: AuditEventView[];
  actors: { id: string; name: string }[];
  filter: { actorId?: string; patientId?: string; action?: string; from?: string; to?: string };
  nextHref: string | null;
}) {
  const f = props.filter;
  return (
    <Layout title="Audit log" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="audit" />
      <form method="get" action="/settings/audit" class="filters">
        <div class="field">
          <label for="f-actor">Staff member</label>
          <select id="f-actor" name="actorId">
            <option value="">Anyone</option>
            {props.actors.map((a) => (
              <option value={a.id} selected={a.id === f.actorId}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-patient">Patient id</label>
          <input id="f-patient" name="patientId" value={f.patientId ?? ""} />
        </div>
        <div class="field">
          <label for="f-action">Action</label>
          <input id="f-action" name="action" value={f.action ?? ""} placeholder="e.g. patient.view" />
        </div>
        <div class="field">
          <label for="f-from">From</label>
          <input id="f-from" name="from" type="date" value={f.from ?? ""} />
        </div>
        <div class="field">
          <label for="f-to">To</label>
          <input id="f-to" name="to" type="date" value={f.to ?? ""} />
        </div>
        <button type="submit">Filter</button>
      </form>
      {props.events.length === 0 ? (
        <p class="empty">No audit events match.</p>
      ) : (
        <table class="list audit">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Patient</th>
              <th scope="col">Route</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {props.events.map((e) => (
              <tr>
                <td>{e.at}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.patientId ? <a href={`/patients/${e.patientId}`}>{e.patientId}</a> : "—"}</td>
                <td>
                  <code>{e.route}</code>
                </td>
                <td title={e.userAgent ?? undefined}>{e.clientIp ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.nextHref && (
        <nav class="pager" aria-label="Pages">
          <a href={props.nextHref} rel="next">
            Older events
          </a>
        </nav>
      )}
    </Layout>
  );
}
