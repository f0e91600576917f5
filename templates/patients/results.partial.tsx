export interface PatientListItem {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  phone: string | null;
  preferredLanguage: string;
  journeyStage: string | null;
}

const stageLabels: Record<string, string> = {
  new: "New",
  referred: "Referred",
  scheduled: "Scheduled",
  active: "Active",
  at_risk: "At risk",
  lapsed: "Lapsed",
  discharged: "Discharged",
  alumni: "Alumni",
  lost: "Lost referral",
};

function pageHref(q: string, page: number) {
  const p = new URLSearchParams();
  if (q) p.set("q", q);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `/patients?${s}` : "/patients";
}

/** The result table alone: swapped in by htmx as the search box changes. */
export function PatientResults(props: { q: string; page: number; patients: PatientListItem[]; hasNext: boolean }) {
  if (props.patients.length === 0) {
    return <p class="empty">{props.q ? "No patient matches that search." : "No patients yet."}</p>;
  }
  return (
    <>
      <table class="list patient-list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">Phone</th>
            <th scope="col">Language</th>
            <th scope="col">Journey</th>
          </tr>
        </thead>
        <tbody>
          {props.patients.map((p) => (
            <tr>
              <td>
                <a href={`/patients/${p.id}`}>
                  {p.familyName}, {p.givenName}
                </a>
              </td>
              <td>{p.dateOfBirth}</td>
              <td>{p.phone ?? "—"}</td>
              <td>{p.preferredLanguage === "es" ? "Spanish" : "English"}</td>
              <td>
                {p.journeyStage ? (
                  <span class={`badge stage-${p.journeyStage}`}>{stageLabels[p.journeyStage] ?? p.journeyStage}</span>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        {props.page > 1 && (
          <a href={pageHref(props.q, props.page - 1)} rel="prev">
            Previous
          </a>
        )}
        <span>Page {props.page}</span>
        {props.hasNext && (
          <a href={pageHref(props.q, props.page + 1)} rel="next">
            Next
          </a>
        )}
      </nav>
    </>
  );
}
