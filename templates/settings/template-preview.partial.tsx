export interface TemplatePreviewView {
  channel: "sms" | "email";
  subject: string;
  body: string;
  sms: { segments: number; encoding: "GSM-7" | "UCS-2"; units: number } | null;
  /** What would stop a save, in words (unknown placeholder, clinical detail, length). */
  problems: string[];
}

/** The live preview: the draft rendered for a sample patient, re-rendered by htmx as the text changes. */
export function TemplatePreview(props: TemplatePreviewView) {
  return (
    <section id="template-preview" class="card template-preview" aria-live="polite" aria-label="Preview">
      <h2>Preview</h2>
      <p class="hint">For a sample patient with a visit two days from now at 10:00.</p>
      {props.channel === "email" && (
        <p class="preview-subject">
          <strong>Subject:</strong> {props.subject}
        </p>
      )}
      <p class="preview-body">{props.body}</p>
      {props.sms && (
        <p class="preview-segments">
          {props.sms.segments} SMS segment{props.sms.segments === 1 ? "" : "s"} · {props.sms.encoding} encoding · {props.sms.units}{" "}
          {props.sms.encoding === "GSM-7" ? "characters" : "code units"}
          {props.sms.encoding === "UCS-2" && (
            <span class="hint"> (an accent or symbol outside GSM-7 makes each segment 70 characters instead of 160)</span>
          )}
        </p>
      )}
      {props.problems.length > 0 && (
        <ul class="preview-problems">
          {props.problems.map((p) => (
            <li class="error">{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
