import { Csrf, Field, type FieldErrors, FormError, Select } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { SettingsNav } from "./nav";

export interface StaffMemberView {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  lastSignIn: string | null;
}

export const roleOptions = [
  ["owner", "Owner"],
  ["admin", "Admin"],
  ["therapist", "Therapist"],
  ["front_desk", "Front desk"],
  ["billing", "Billing"],
] as const;

export function StaffPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  members: StaffMemberView[];
  errors?: FieldErrors;
  values?: Partial<Record<string, string>>;
  rowError?: { id: string; message: string };
}) {
  return (
    <Layout title="Staff" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="staff" />
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Role and access</th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr class={m.active ? "" : "inactive"}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{m.lastSignIn ?? "never"}</td>
              <td>
                <form method="post" action={`/settings/staff/${m.id}`} class="row-form">
                  <Csrf token={props.staff.csrfToken} />
                  <label class="visually-hidden" for={`role-${m.id}`}>
                    Role of {m.name}
                  </label>
                  <select id={`role-${m.id}`} name="role">
                    {roleOptions.map(([v, t]) => (
                      <option value={v} selected={v === m.role}>
                        {t}
                      </option>
                    ))}
                  </select>
                  <label class="visually-hidden" for={`active-${m.id}`}>
                    Access of {m.name}
                  </label>
                  <select id={`active-${m.id}`} name="active">
                    <option value="true" selected={m.active}>
                      Active
                    </option>
                    <option value="false" selected={!m.active}>
                      Deactivated
                    </option>
                  </select>
                  <button type="submit" class="secondary">
                    Save
                  </button>
                  {props.rowError?.id === m.id && (
                    <small class="error" role="alert">
                      {props.rowError.message}
                    </small>
                  )}
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a staff member</h2>
      <FormError message={props.errors?._form} />
      <form method="post" action="/settings/staff" class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <Field name="name" label="Name" value={props.values?.name} errors={props.errors} required />
        <Field name="email" label="Work email" type="email" value={props.values?.email} errors={props.errors} required />
        <Select name="role" label="Role" value={props.values?.role ?? "front_desk"} options={roleOptions} errors={props.errors} />
        <div class="actions">
          <button type="submit">Add staff member</button>
        </div>
      </form>
    </Layout>
  );
}
