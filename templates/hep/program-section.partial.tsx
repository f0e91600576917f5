import { Csrf, type FieldErrors, FormError, Notice } from "../components/form";

export interface HepItemView {
  id: string;
  name: string;
  /** "2 × 10, hold 5 s, 2×/day, 7 days/week" */
  dose: string;
  since: string;
  /** The current dose as form values, to prefill "Change dose". */
  values: Record<string, string>;
}

export interface HepSectionView {
  patientId: string;
  /** Therapists, admins and owners change the program; everyone else sees it. */
  canEdit: boolean;
  items: HepItemView[];
  adherence: { percent: number; done: number; prescribed: number } | null;
  exerciseGroups: { label: string; options: readonly (readonly [string, string])[] }[];
  doseFields: readonly { name: string; label: string; min: number; max: number }[];
}

export interface HepSectionProps {
  view: HepSectionView;
  csrfToken: string;
  notice?: string;
  /** The add form after a refusal. */
  addErrors?: FieldErrors;
  addValues?: Partial<Record<string, string>>;
  /** The item whose "Change dose" form was refused, with what was typed. */
  editItemId?: string;
  editErrors?: FieldErrors;
  editValues?: Partial<Record<string, string>>;
}

const swap = { "hx-target": "#home-exercises", "hx-swap": "outerHTML", "hx-indicator": "#loading" } as const;

/** The patient's home exercise program on the staff patient page: program, adherence, and the builder. */
export function HepSection(props: HepSectionProps) {
  const { view } = props;
  const base = `/patients/${view.patientId}/exercises`;
  const a = view.adherence;
  return (
    <section aria-labelledby="hep-h" class="card" id="home-exercises">
      <h2 id="hep-h" tabindex={-1}>
        Home exercises
      </h2>
      {props.notice && <Notice>{props.notice}</Notice>}
      <p class="hep-adherence">
        Adherence (14 days):{" "}
        {a ? `${a.percent}% — ${a.done} of ${a.prescribed} ${a.prescribed === 1 ? "session" : "sessions"}` : "nothing prescribed yet"}
      </p>
      {view.items.length === 0 ? (
        <p class="empty">No home exercise program yet.</p>
      ) : (
        <table class="list">
          <caption class="visually-hidden">Current home exercise program</caption>
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">Dose</th>
              <th scope="col">Since</th>
              {view.canEdit && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {view.items.map((item) => (
              <tr id={`hep-${item.id}`}>
                <td>{item.name}</td>
                <td>{item.dose}</td>
                <td>{item.since}</td>
                {view.canEdit && (
                  <td class="task-actions">
                    <details open={props.editItemId === item.id}>
                      <summary>Change dose</summary>
                      <form
                        method="post"
                        action={`${base}/${item.id}`}
                        hx-post={`${base}/${item.id}`}
                        {...swap}
                        class="inline-form"
                        novalidate
                      >
                        <Csrf token={props.csrfToken} />
                        <FormError message={props.editItemId === item.id ? props.editErrors?._form : undefined} />
                        <DoseFields
                          prefix={`hep-${item.id}`}
                          fields={view.doseFields}
                          values={props.editItemId === item.id ? { ...item.values, ...props.editValues } : item.values}
                          errors={props.editItemId === item.id ? props.editErrors : undefined}
                        />
                        <div class="field">
                          <button type="submit">Save dose</button>
                        </div>
                      </form>
                    </details>
                    <form
                      method="post"
                      action={`${base}/${item.id}/remove`}
                      hx-post={`${base}/${item.id}/remove`}
                      hx-confirm={`Remove ${item.name} from the program?`}
                      {...swap}
                    >
                      <Csrf token={props.csrfToken} />
                      <button type="submit" class="link">
                        Remove<span class="visually-hidden"> {item.name}</span>
                      </button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.canEdit ? <AddForm {...props} action={base} /> : <p class="hint">Only therapists and administrators can change the program.</p>}
    </section>
  );
}

function AddForm(props: HepSectionProps & { action: string }) {
  const errors = props.addErrors;
  const error = errors?.exerciseId;
  const chosen = props.addValues?.exerciseId;
  const seen = new Set<string>();
  return (
    <form method="post" action={props.action} hx-post={props.action} {...swap} class="inline-form" novalidate>
      <Csrf token={props.csrfToken} />
      <FormError message={errors?._form} />
      <div class={error ? "field invalid" : "field"}>
        <label for="hep-new-exercise">Add an exercise</label>
        <select
          id="hep-new-exercise"
          name="exerciseId"
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "hep-new-exercise-error" : undefined}
        >
          <option value="">Choose from the library</option>
          {props.view.exerciseGroups.map((g) => (
            <optgroup label={g.label}>
              {g.options.map(([id, name]) => {
                // An exercise listed under two regions is pre-selected once only.
                const selected = id === chosen && !seen.has(id);
                seen.add(id);
                return (
                  <option value={id} selected={selected}>
                    {name}
                  </option>
                );
              })}
            </optgroup>
          ))}
        </select>
        {error && (
          <small id="hep-new-exercise-error" class="error">
            {error}
          </small>
        )}
      </div>
      <DoseFields prefix="hep-new" fields={props.view.doseFields} values={props.addValues ?? {}} errors={errors} hint="Blank: usual dose" />
      <div class="field">
        <button type="submit">Add to program</button>
      </div>
    </form>
  );
}

/** The five dose inputs, with ids unique on the page (one set per program row plus the add form). */
function DoseFields(props: {
  prefix: string;
  fields: HepSectionView["doseFields"];
  values: Partial<Record<string, string>>;
  errors?: FieldErrors;
  hint?: string;
}) {
  return (
    <>
      {props.fields.map((f) => {
        const id = `${props.prefix}-${f.name}`;
        const error = props.errors?.[f.name];
        const describedBy = [props.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
        return (
          <div class={error ? "field invalid" : "field"}>
            <label for={id}>{f.label}</label>
            <input
              id={id}
              name={f.name}
              type="number"
              inputmode="numeric"
              min={f.min}
              max={f.max}
              value={props.values[f.name] ?? ""}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={describedBy}
            />
            {props.hint && (
              <small id={`${id}-hint`} class="hint">
                {props.hint}
              </small>
            )}
            {error && (
              <small id={`${id}-error`} class="error">
                {error}
              </small>
            )}
          </div>
        );
      })}
    </>
  );
}
