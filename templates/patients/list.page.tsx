import { Layout, type LayoutProps } from "../layout";
import { type PatientListItem, PatientResults } from "./results.partial";

export function PatientListPage(props: {
  staff: LayoutProps["staff"];
  q: string;
  page: number;
  patients: PatientListItem[];
  hasNext: boolean;
}) {
  return (
    <Layout title="Patients" staff={props.staff} active="patients">
      <div class="page-head">
        <h1>Patients</h1>
        <a class="button" href="/patients/new">
          New patient
        </a>
      </div>
      <search>
        <form method="get" action="/patients" class="search">
          <label for="q">Search by name, phone, date of birth or identifier</label>
          <input
            id="q"
            name="q"
            type="search"
            value={props.q}
            autocomplete="off"
            hx-get="/patients"
            hx-trigger="input changed delay:300ms, search"
            hx-target="#patient-results"
            hx-push-url="false"
            hx-indicator="#loading"
          />
          <button type="submit">Search</button>
        </form>
      </search>
      <div id="patient-results" aria-live="polite">
        <PatientResults q={props.q} page={props.page} patients={props.patients} hasNext={props.hasNext} />
      </div>
    </Layout>
  );
}
