export interface PickerProps {
  /** The page the search reloads (GET), e.g. /schedule/book. */
  action: string;
  q: string;
  /** Other choices already made on the page, kept across the search. */
  keep: Record<string, string>;
  /** Search results, each linking back to the page with the patient chosen. */
  results: { name: string; detail: string; href: string }[] | null;
  chosen: { id: string; name: string; changeHref: string } | null;
  error?: string;
}

/** Choose a patient without script: search by name, phone or birth date, then pick one. */
export function PatientPicker(p: PickerProps) {
  if (p.chosen) {
    return (
      <p class="chosen-patient">
        Patient: <a href={`/patients/${p.chosen.id}`}>{p.chosen.name}</a> <a href={p.chosen.changeHref}>(choose another)</a>
        {p.error && (
          <small class="error" role="alert">
            {" "}
            {p.error}
          </small>
        )}
      </p>
    );
  }
  return (
    <search class="patient-picker">
      <form method="get" action={p.action} class="search">
        <label for="picker-q">Find the patient (name, phone or date of birth)</label>
        {Object.entries(p.keep).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <input
          id="picker-q"
          name="q"
          type="search"
          value={p.q}
          autocomplete="off"
          aria-describedby={p.error ? "picker-error" : undefined}
        />
        <button type="submit" class="secondary">
          Search
        </button>
      </form>
      {p.error && (
        <p id="picker-error" class="error" role="alert">
          {p.error}
        </p>
      )}
      {p.results &&
        (p.results.length === 0 ? (
          <p class="empty">No patient matches that search.</p>
        ) : (
          <ul class="picker-results">
            {p.results.map((r) => (
              <li>
                <a href={r.href}>Choose {r.name}</a> <span class="hint">{r.detail}</span>
              </li>
            ))}
          </ul>
        ))}
    </search>
  );
}
