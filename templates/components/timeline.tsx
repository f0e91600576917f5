export interface TimelineItem {
  when: string;
  who: string;
  text: string;
}

/** Every change to a patient, newest first, one line each in plain words. */
export function Timeline(props: { items: TimelineItem[]; limit?: number }) {
  if (props.items.length === 0) return <p class="empty">Nothing has happened yet.</p>;
  return (
    <>
      <ol class="timeline">
        {props.items.map((item) => (
          <li>
            <span class="timeline-text">{item.text}</span>
            <span class="timeline-meta">
              {item.who} · {item.when}
            </span>
          </li>
        ))}
      </ol>
      {props.limit !== undefined && props.items.length >= props.limit && (
        <p class="hint">Showing the latest {props.limit} changes; the audit log has the rest.</p>
      )}
    </>
  );
}
