/** A waitlisted patient who fits an opened slot, best first. */
export interface FitView {
  entryId: string;
  patientId: string;
  patientName: string;
  /** "Mon, Wed 08:00-12:00 · with Theresa" */
  wants: string;
  note: string | null;
  bookHref: string;
}

export function FitList({ fits, heading = "Who fits this slot" }: { fits: FitView[]; heading?: string }) {
  return (
    <div class="fits">
      <strong>{heading}</strong>
      {fits.length === 0 ? (
        <p class="empty">Nobody on the waitlist fits this slot.</p>
      ) : (
        <ol>
          {fits.map((f) => (
            <li>
              <a href={`/patients/${f.patientId}`}>{f.patientName}</a> <span class="hint">{f.wants}</span>
              {f.note && <span class="hint"> · {f.note}</span>}{" "}
              <a class="button secondary small" href={f.bookHref}>
                Book {f.patientName}
              </a>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
