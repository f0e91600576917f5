import { linearScale, round1 } from "../components/chart-scale";

export interface RetentionMonthView {
  /** YYYY-MM */
  month: string;
  started: number;
  completed: number;
  inCare: number;
  droppedOut: number;
  otherDischarge: number;
}

// Presentation attributes, not style: the CSP allows no inline styles. Distinct in lightness too, for
// readers who do not tell the hues apart; the table below the chart carries every number.
const PARTS = [
  { key: "completed", label: "Completed", color: "#15803d" },
  { key: "inCare", label: "Still in care", color: "#1d4ed8" },
  { key: "droppedOut", label: "Dropped out", color: "#b91c1c" },
  { key: "otherDischarge", label: "Discharged for other reasons", color: "#a3a3a3" },
] as const;
const GRID = "#d4d4d4";
const TEXT = "#525252";

const monthFormat = (options: Intl.DateTimeFormatOptions) => (month: string) =>
  new Intl.DateTimeFormat("en", { ...options, timeZone: "UTC" }).format(Date.parse(`${month}-01T00:00:00Z`));
/** "Nov 2026" in words and the table; under a bar only "Nov", with the year below on the first bar and each January. */
const monthLabel = monthFormat({ month: "short", year: "numeric" });
const shortMonth = monthFormat({ month: "short" });

const sentence = (m: RetentionMonthView) =>
  `${monthLabel(m.month)}: ${m.started} started; ${m.completed} completed, ${m.inCare} still in care, ` +
  `${m.droppedOut} dropped out, ${m.otherDischarge} discharged for other reasons.`;

/**
 * Episodes by start month, stacked by where they stand now. The chart is an image with a title and a
 * description in words; the same numbers follow in a table for anyone who cannot see the bars.
 */
export function RetentionChart({ months }: { months: RetentionMonthView[] }) {
  const width = 640;
  const height = 220;
  const left = 36;
  const right = width - 10;
  const top = 12;
  const bottom = height - 40;
  // Even, so the middle grid line falls on a whole number of episodes.
  const max = Math.max(4, Math.ceil(Math.max(...months.map((m) => m.started)) / 2) * 2);
  const y = linearScale([0, max], [bottom, top]);
  const slot = (right - left) / Math.max(1, months.length);
  const barWidth = Math.min(36, slot * 0.7);
  return (
    <figure class="analytics-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="retention-title"
        aria-describedby="retention-desc"
        font-size="12"
        fill={TEXT}
      >
        <title id="retention-title">Episodes by start month and where they stand now</title>
        <desc id="retention-desc">{months.map(sentence).join(" ")}</desc>
        <g stroke={GRID}>
          {[0, max / 2, max].map((v) => (
            <line x1={left} x2={right} y1={round1(y(v))} y2={round1(y(v))} />
          ))}
        </g>
        <g text-anchor="end">
          {[0, max / 2, max].map((v) => (
            <text x={left - 6} y={round1(y(v) + 4)}>
              {v}
            </text>
          ))}
        </g>
        {months.map((m, i) => {
          const x = round1(left + slot * i + (slot - barWidth) / 2);
          let base = bottom;
          return (
            <g>
              {PARTS.map((part) => {
                const count = m[part.key];
                if (count === 0) return null;
                const h = bottom - y(count);
                base -= h;
                return (
                  <rect x={x} y={round1(base)} width={round1(barWidth)} height={round1(h)} fill={part.color}>
                    <title>{`${monthLabel(m.month)}: ${count} ${part.label.toLowerCase()}`}</title>
                  </rect>
                );
              })}
              <text x={round1(x + barWidth / 2)} y={height - 22} text-anchor="middle">
                {shortMonth(m.month)}
              </text>
              {(i === 0 || m.month.endsWith("-01")) && (
                <text x={round1(x + barWidth / 2)} y={height - 6} text-anchor="middle">
                  {m.month.slice(0, 4)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="chart-legend">
        {PARTS.map((part) => (
          <span>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={part.color} />
            </svg>{" "}
            {part.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The chart's numbers as a table: the accessible fallback, and what the CSV export holds. */
export function RetentionTable({ months }: { months: RetentionMonthView[] }) {
  return (
    <div class="week-scroll">
      <table class="list">
        <caption class="muted">Episodes by start month</caption>
        <thead>
          <tr>
            <th scope="col">Start month</th>
            <th scope="col">Episodes started</th>
            {PARTS.map((part) => (
              <th scope="col">{part.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr>
              <th scope="row">{monthLabel(m.month)}</th>
              <td>{m.started}</td>
              {PARTS.map((part) => (
                <td>{m[part.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
