export interface PatientOption {
  id: string;
  name: string;
  dateOfBirth: string;
}

/**
 * The patient choice inside the new-task form: "no patient" plus the matches of a name search
 * (or the one patient the form was opened for). Swapped in by htmx as the search box changes.
 */
export function PatientMatches(props: { q: string; options: PatientOption[]; selectedId: string | null; error?: string }) {
  return (
    <div id="patient-matches" class={props.error ? "field invalid" : "field"} aria-live="polite">
      <fieldset class="patient-pick">
        <legend>Patient</legend>
        <label class="check">
          <input type="radio" name="patientId" value="" checked={!props.selectedId} /> No patient
        </label>
        {props.options.map((p) => (
          <label class="check">
            <input type="radio" name="patientId" value={p.id} checked={p.id === props.selectedId} /> {p.name}{" "}
            <small class="hint">born {p.dateOfBirth}</small>
          </label>
        ))}
        {props.q && props.options.length === 0 && <p class="empty">No patient matches “{props.q}”.</p>}
      </fieldset>
      {props.error && (
        <small id="f-patientId-error" class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}
