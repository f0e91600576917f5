import { linearScale, round1 } from "../components/chart-scale";

// Presentation attributes, not style: the CSP allows no inline styles.
const COLOR = { attended: "#15803d", cancelled: "#b45309", noShow: "#b91c1c", funnel: "#1d4ed8", grid: "#d4d4d4", text: "#525252" };

export interface WeekView {
  /** The week's first day, a local date (YYYY-MM-DD). */
  weekStart: string;
  attended: number;
  cancelled: number;
  noShow: number;
}

const shortDay = (date: string) =>
  new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" }).format(Date.parse(`${date}T00:00:00Z`));

/** Visits per week, stacked: attended, cancelled, no-show. The numbers are also in <desc> for screen readers. */
export function WeeklyVisitsChart({ weeks }: { weeks: WeekView[] }) {
  if (weeks.length === 0) return <p class="empty">No weeks in this range.</p>;
  const width = 640;
  const height = 220;
  const left = 36;
  const right = width - 10;
  const top = 12;
  const bottom = height - 28;
  const totals = weeks.map((w) => w.attended + w.cancelled + w.noShow);
  const max = Math.max(4, ...totals);
  const y = linearScale([0, max], [bottom, top]);
  const slot = (right - left) / weeks.length;
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  // Label at most about 8 weeks so labels never overlap.
  const every = Math.ceil(weeks.length / 8);
  const desc = weeks.map((w) => `Week of ${w.weekStart}: ${w.attended} attended, ${w.cancelled} cancelled, ${w.noShow} no-show.`).join(" ");
  return (
    <figure class="analytics-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="trend-title"
        aria-describedby="trend-desc"
        font-size="12"
        fill={COLOR.text}
      >
        <title id="trend-title">Visits per week</title>
        <desc id="trend-desc">{desc}</desc>
        <g stroke={COLOR.grid}>
          {[0, max / 2, max].map((v) => (
            <line x1={left} x2={right} y1={round1(y(v))} y2={round1(y(v))} />
          ))}
        </g>
        <g text-anchor="end">
          {[0, Math.round(max / 2), max].map((v) => (
            <text x={left - 6} y={round1(y(v) + 4)}>
              {v}
            </text>
          ))}
        </g>
        {weeks.map((w, i) => {
          const x = round1(left + slot * i + (slot - barWidth) / 2);
          let base = bottom;
          const parts = [
            ["attended", w.attended, COLOR.attended],
            ["cancelled", w.cancelled, COLOR.cancelled],
            ["no-show", w.noShow, COLOR.noShow],
          ] as const;
          return (
            <g>
              {parts.map(([name, count, color]) => {
                if (count === 0) return null;
                const h = bottom - y(count);
                base -= h;
                return (
                  <rect x={x} y={round1(base)} width={round1(barWidth)} height={round1(h)} fill={color}>
                    <title>{`${count} ${name}`}</title>
                  </rect>
                );
              })}
              {i % every === 0 && (
                <text x={round1(x + barWidth / 2)} y={height - 8} text-anchor="middle">
                  {shortDay(w.weekStart)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="chart-legend">
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" fill={COLOR.attended} />
          </svg>{" "}
          Attended
        </span>
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" fill={COLOR.cancelled} />
          </svg>{" "}
          Cancelled
        </span>
        <span>
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" fill={COLOR.noShow} />
          </svg>{" "}
          No-show
        </span>
      </figcaption>
    </figure>
  );
}

export interface FunnelView {
  referrals: number;
  evaluated: number;
  completed: number;
}

const percentOf = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : "—");

/** Referral -> evaluation -> completion for the episodes that started in the range. */
export function FunnelChart({ funnel }: { funnel: FunnelView }) {
  const width = 640;
  const rowHeight = 34;
  const labelWidth = 170;
  const steps = [
    ["Referrals (episodes started)", funnel.referrals],
    ["Evaluated (had a visit)", funnel.evaluated],
    ["Completed the plan of care", funnel.completed],
  ] as const;
  const x = linearScale([0, Math.max(1, funnel.referrals)], [0, width - labelWidth - 90]);
  const desc = steps.map(([label, n]) => `${label}: ${n} (${percentOf(n, funnel.referrals)} of referrals).`).join(" ");
  return (
    <figure class="analytics-chart">
      <svg
        viewBox={`0 0 ${width} ${rowHeight * steps.length + 8}`}
        width="100%"
        role="img"
        aria-labelledby="funnel-title"
        aria-describedby="funnel-desc"
        font-size="12"
        fill={COLOR.text}
      >
        <title id="funnel-title">Referral to evaluation to completion</title>
        <desc id="funnel-desc">{desc}</desc>
        {steps.map(([label, n], i) => {
          const y = 4 + i * rowHeight;
          return (
            <g>
              <text x={0} y={y + 20}>
                {label}
              </text>
              <rect x={labelWidth} y={y + 4} width={round1(Math.max(1, x(n)))} height={rowHeight - 10} fill={COLOR.funnel} />
              <text x={round1(labelWidth + x(n) + 6)} y={y + 20}>
                {`${n} (${percentOf(n, funnel.referrals)})`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
