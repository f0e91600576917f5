export interface ToolbarProps {
  view: "day" | "week";
  date: string;
  heading: string;
  prevHref: string;
  nextHref: string;
  todayHref: string;
  otherViewHref: string;
  therapists: { id: string; name: string }[];
  therapistId: string | null;
}

/** Date navigation, the date picker and the therapist filter: plain GET links and a form. */
export function ScheduleToolbar(p: ToolbarProps) {
  const unit = p.view === "week" ? "week" : "day";
  return (
    <div class="schedule-toolbar">
      <div class="page-head">
        <h1>{p.heading}</h1>
        <div class="actions">
          <a class="button" href="/schedule/book">
            Book a visit
          </a>
          <a href="/schedule/waitlist">Waitlist</a>
        </div>
      </div>
      <nav aria-label="Dates" class="date-nav">
        <a href={p.prevHref} rel="prev">
          ← Previous {unit}
        </a>
        <a href={p.todayHref}>Today</a>
        <a href={p.nextHref} rel="next">
          Next {unit} →
        </a>
        <a href={p.otherViewHref}>{p.view === "week" ? "Day view" : "Week view"}</a>
      </nav>
      <form method="get" action="/schedule" class="filters">
        <div class="field">
          <label for="f-date">Date</label>
          <input id="f-date" name="date" type="date" value={p.date} />
        </div>
        <div class="field">
          <label for="f-therapist">Therapist</label>
          <select id="f-therapist" name="therapist">
            <option value="">All therapists</option>
            {p.therapists.map((t) => (
              <option value={t.id} selected={t.id === p.therapistId}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-view">View</label>
          <select id="f-view" name="view">
            <option value="day" selected={p.view === "day"}>
              Day
            </option>
            <option value="week" selected={p.view === "week"}>
              Week
            </option>
          </select>
        </div>
        <div class="field">
          <button type="submit">Show</button>
        </div>
      </form>
    </div>
  );
}
