/**
 * A server-rendered SVG progress chart, shared by the patient portal and the staff patient page:
 * pain check-ins (0-10, lower is better) as a solid line with round dots, an optional outcome
 * measure (ODI, PSFS, ...) on its own right-hand scale as a dashed line with square dots, MCID
 * marks as triangles with a text label, a few date ticks in the clinic's time zone, and a
 * visits-vs-plan bar underneath.
 *
 * CSP-safe: no inline style attributes, no script; colours come from SVG presentation attributes
 * and are never the only signal (dash pattern, marker shapes, text labels). Accessible: the SVG
 * is role="img" with <title> and <desc> carrying the numbers in words, and a visually hidden data
 * table lists every point. The markup stays small (60 points well under 8 KB).
 */
import type { ChartLang } from "./chart-scale";
import { dateFormatter, dayFormatter, linearScale, numberFormatter, timeDomain, timeTicks, yearFormatter } from "./chart-scale";
import { ProgressBar } from "./progress-bar";

export type { ChartLang } from "./chart-scale";

export interface ChartPoint {
  /** Epoch milliseconds. */
  at: number;
  value: number;
}

export interface McidMark {
  at: number;
  kind: "improved" | "worsened";
}

export interface OutcomeSeries {
  /** Instrument name, e.g. "ODI". */
  label: string;
  unit: "points" | "percent";
  betterIsHigher: boolean;
  points: ChartPoint[];
  /** The instrument's scale. Defaults to 0-100 for percent; for points, 0 up to the highest value seen. */
  range?: { min: number; max: number };
  mcidMarks?: McidMark[];
}

export interface ProgressChartProps {
  /** Prefix for element ids (title, desc, visits bar); make it unique if a page shows two charts. */
  id?: string;
  pain: ChartPoint[];
  outcome?: OutcomeSeries;
  visits?: { attended: number; prescribed: number };
  /** IANA zone for dates, e.g. the clinic's "America/New_York". */
  timeZone: string;
  lang: ChartLang;
  width?: number;
  height?: number;
  /** Accessible title; defaults to "Pain and progress" / "Dolor y progreso". */
  title?: string;
}

const COLOR = {
  pain: "#1d4ed8",
  outcome: "#b45309",
  improved: "#15803d",
  worsened: "#b91c1c",
  grid: "#d4d4d4",
  text: "#525252",
};

const TEXT = {
  en: {
    title: "Pain and progress",
    empty: "No check-ins yet",
    painLegend: "Pain (0–10, lower is better)",
    better: (higher: boolean) => (higher ? "higher is better" : "lower is better"),
    mcidLegend: "Meaningful change (MCID)",
    improved: "Improved",
    worsened: "Worse",
    points: (n: string, one: boolean) => `${n} ${one ? "point" : "points"}`,
    percent: (n: string) => `${n}%`,
    visits: (a: number, p: number) => `${a} of ${p} ${p === 1 ? "visit" : "visits"}`,
    visitsNoPlan: (a: number) => `${a} ${a === 1 ? "visit" : "visits"}`,
    visitsDesc: (s: string) => `${s} attended.`,
    painLatest: (v: string, d: string) => `Latest pain: ${v} out of 10 on ${d}.`,
    painNone: "No pain check-ins yet.",
    painChange: (dir: "down" | "up" | "same", pts: string, first: string, d: string) =>
      dir === "same"
        ? `No change since the first check-in on ${d} (${first} out of 10).`
        : `${dir === "down" ? "Down" : "Up"} ${pts} since the first check-in on ${d} (${first} out of 10), ${dir === "down" ? "an improvement" : "a worsening"}.`,
    outcomeLatest: (label: string, v: string, d: string) => `${label}: latest ${v} on ${d}`,
    outcomeChange: (dir: "down" | "up" | "same", by: string, first: string, good: boolean) =>
      dir === "same"
        ? `, no change since the first (${first}).`
        : `, ${dir} ${by} since the first (${first}), ${good ? "an improvement" : "a worsening"}.`,
    outcomeScale: (higher: boolean) => (higher ? "Higher is better." : "Lower is better."),
    mcid: (kind: McidMark["kind"], d: string) =>
      `Clinically meaningful ${kind === "improved" ? "improvement" : "worsening"} (MCID) on ${d}.`,
    date: "Date",
    painCaption: "Pain check-ins",
    painColumn: "Pain (0–10)",
    scores: (label: string) => `${label} scores`,
  },
  es: {
    title: "Dolor y progreso",
    empty: "Aún no hay registros",
    painLegend: "Dolor (0–10, menos es mejor)",
    better: (higher: boolean) => (higher ? "más es mejor" : "menos es mejor"),
    mcidLegend: "Cambio clínicamente importante (MCID)",
    improved: "Mejoró",
    worsened: "Empeoró",
    points: (n: string, one: boolean) => `${n} ${one ? "punto" : "puntos"}`,
    percent: (n: string) => `${n} %`,
    visits: (a: number, p: number) => `${a} de ${p} ${p === 1 ? "visita" : "visitas"}`,
    visitsNoPlan: (a: number) => `${a} ${a === 1 ? "visita" : "visitas"}`,
    visitsDesc: (s: string) => `${s} realizadas.`,
    painLatest: (v: string, d: string) => `Dolor más reciente: ${v} de 10 el ${d}.`,
    painNone: "Aún no hay registros de dolor.",
    painChange: (dir: "down" | "up" | "same", pts: string, first: string, d: string) =>
      dir === "same"
        ? `Sin cambios desde el primer registro del ${d} (${first} de 10).`
        : `${dir === "down" ? "Bajó" : "Subió"} ${pts} desde el primer registro del ${d} (${first} de 10), ${dir === "down" ? "una mejora" : "un empeoramiento"}.`,
    outcomeLatest: (label: string, v: string, d: string) => `${label}: último valor ${v} el ${d}`,
    outcomeChange: (dir: "down" | "up" | "same", by: string, first: string, good: boolean) =>
      dir === "same"
        ? `, sin cambios desde el primero (${first}).`
        : `, ${dir === "down" ? "bajó" : "subió"} ${by} desde el primero (${first}), ${good ? "una mejora" : "un empeoramiento"}.`,
    outcomeScale: (higher: boolean) => (higher ? "Más es mejor." : "Menos es mejor."),
    mcid: (kind: McidMark["kind"], d: string) =>
      `${kind === "improved" ? "Mejora" : "Empeoramiento"} clínicamente importante (MCID) el ${d}.`,
    date: "Fecha",
    painCaption: "Registros de dolor",
    painColumn: "Dolor (0–10)",
    scores: (label: string) => `Puntuaciones ${label}`,
  },
} as const;

function clean(points: readonly ChartPoint[]): ChartPoint[] {
  return points.filter((p) => Number.isFinite(p.at) && Number.isFinite(p.value)).sort((a, b) => a.at - b.at);
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** The outcome value at `at`, interpolated between the surrounding points (clamped at the ends). */
function valueAt(points: readonly ChartPoint[], at: number): number | undefined {
  const first = points[0];
  if (!first) return undefined;
  let prev = first;
  for (const p of points) {
    if (p.at >= at) {
      if (p.at === prev.at) return p.value;
      return prev.value + ((p.value - prev.value) * (at - prev.at)) / (p.at - prev.at);
    }
    prev = p;
  }
  return prev.value;
}

// Whole viewBox units: invisible at this size, and keeps 60 points well inside the markup budget.
const fixed = (v: number) => String(Math.round(v));
const polyline = (pts: readonly (readonly [number, number])[]) => pts.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join(" ");
const triangle = (x: number, y: number, up: boolean) =>
  up ? `M${fixed(x)} ${fixed(y - 5)}l5 9h-10z` : `M${fixed(x)} ${fixed(y + 5)}l5-9h-10z`;

export function ProgressChart(props: ProgressChartProps) {
  const lang: ChartLang = props.lang === "es" ? "es" : "en";
  const t = TEXT[lang];
  const id = props.id ?? "progress-chart";
  const zone = safeZone(props.timeZone);
  const day = dayFormatter(lang, zone);
  const date = dateFormatter(lang, zone);
  const num = numberFormatter(lang);
  const pain = clean(props.pain).map((p) => ({ at: p.at, value: Math.min(10, Math.max(0, p.value)) }));
  const outcome = props.outcome;
  const outPoints = outcome ? clean(outcome.points) : [];
  const marks = (outcome?.mcidMarks ?? []).filter((m) => Number.isFinite(m.at)).sort((a, b) => a.at - b.at);

  const visits = props.visits;
  const visitsText = visits
    ? visits.prescribed > 0
      ? t.visits(visits.attended, visits.prescribed)
      : t.visitsNoPlan(visits.attended)
    : undefined;
  const visitsBar =
    visits && visitsText && visits.prescribed > 0 ? (
      <ProgressBar id={`${id}-visits`} value={visits.attended} max={visits.prescribed} text={visitsText} />
    ) : visitsText ? (
      <p class="progress-label">{visitsText}</p>
    ) : null;

  if (pain.length === 0 && outPoints.length === 0) {
    return (
      <div class="progress-chart progress-chart-empty">
        <p class="empty">{t.empty}</p>
        {visitsBar}
      </div>
    );
  }

  // Geometry: left axis for pain (0-10), right axis for the outcome scale, date ticks underneath.
  const width = props.width ?? 640;
  const height = props.height ?? 260;
  const left = 30;
  const right = width - (outcome ? 46 : 14);
  const top = 16;
  const bottom = height - 26;

  const xDomain = timeDomain([...pain.map((p) => p.at), ...outPoints.map((p) => p.at), ...marks.map((m) => m.at)]);
  const x = linearScale(xDomain, [left, right]);
  const yPain = linearScale([0, 10], [bottom, top]);
  const unitValue = (v: number) => (outcome?.unit === "percent" ? t.percent(num(v)) : t.points(num(v), Math.abs(v) === 1));
  const range = outcome?.range ?? {
    min: 0,
    max: outcome?.unit === "percent" ? 100 : Math.max(10, Math.ceil(Math.max(0, ...outPoints.map((p) => p.value)) / 10) * 10),
  };
  const yOut = linearScale([range.min, range.max], [bottom, top]);

  // Words for <desc>.
  const desc: string[] = [];
  const lastPain = pain[pain.length - 1];
  const firstPain = pain[0];
  if (lastPain && firstPain) {
    desc.push(t.painLatest(num(lastPain.value), date(lastPain.at)));
    if (pain.length > 1) {
      const diff = lastPain.value - firstPain.value;
      const dir = diff < 0 ? "down" : diff > 0 ? "up" : "same";
      desc.push(t.painChange(dir, t.points(num(Math.abs(diff)), Math.abs(diff) === 1), num(firstPain.value), date(firstPain.at)));
    }
  } else {
    desc.push(t.painNone);
  }
  const lastOut = outPoints[outPoints.length - 1];
  const firstOut = outPoints[0];
  if (outcome && lastOut && firstOut) {
    let sentence = t.outcomeLatest(outcome.label, unitValue(lastOut.value), date(lastOut.at));
    if (outPoints.length > 1) {
      const diff = lastOut.value - firstOut.value;
      const dir = diff < 0 ? "down" : diff > 0 ? "up" : "same";
      sentence += t.outcomeChange(dir, unitValue(Math.abs(diff)), unitValue(firstOut.value), diff > 0 === outcome.betterIsHigher);
    } else {
      sentence += ".";
    }
    desc.push(sentence, t.outcomeScale(outcome.betterIsHigher));
  }
  for (const m of marks) desc.push(t.mcid(m.kind, date(m.at)));
  if (visitsText) desc.push(t.visitsDesc(visitsText));

  const ticks = timeTicks(xDomain, 4, day);
  // The data tables leave the year out of each row when every point shares one, and say it once in the caption.
  const year = yearFormatter(zone);
  const allTimes = [...pain, ...outPoints].map((p) => p.at);
  const oneYear = allTimes.length > 0 && new Set(allTimes.map(year)).size === 1 ? year(allTimes[0] ?? 0) : undefined;
  const rowDate = oneYear ? day : date;
  const caption = (text: string) => (oneYear ? `${text}, ${oneYear}` : text);
  const outcomeLegend = outcome
    ? `${outcome.label} (${outcome.unit === "percent" ? `${num(range.min)}–${t.percent(num(range.max))}` : `${num(range.min)}–${t.points(num(range.max), false)}`}, ${t.better(outcome.betterIsHigher)})`
    : "";

  return (
    <div class="progress-chart">
      <svg
        class="chart"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        font-size="12"
        fill={COLOR.text}
      >
        <title id={`${id}-title`}>{props.title ?? t.title}</title>
        <desc id={`${id}-desc`}>{desc.join(" ")}</desc>
        <g class="grid" stroke={COLOR.grid}>
          {[0, 5, 10].map((v) => (
            <line x1={left} x2={right} y1={fixed(yPain(v))} y2={fixed(yPain(v))} />
          ))}
        </g>
        <g class="axis" text-anchor="end">
          {[0, 5, 10].map((v) => (
            <text x={left - 6} y={fixed(yPain(v) + 4)}>
              {v}
            </text>
          ))}
        </g>
        {outcome && (
          <g class="axis" text-anchor="start">
            {[range.min, (range.min + range.max) / 2, range.max].map((v) => (
              <text x={right + 6} y={fixed(yOut(v) + 4)}>
                {outcome.unit === "percent" ? t.percent(num(v)) : num(v)}
              </text>
            ))}
          </g>
        )}
        <g class="axis x-axis">
          {ticks.map((tick, i) => (
            <text
              x={fixed(x(tick.at))}
              y={height - 8}
              text-anchor={ticks.length > 1 && i === 0 ? "start" : ticks.length > 1 && i === ticks.length - 1 ? "end" : "middle"}
            >
              {tick.text}
            </text>
          ))}
        </g>
        {outPoints.length > 0 && (
          <g class="series outcome" stroke={COLOR.outcome} fill={COLOR.outcome}>
            {outPoints.length > 1 && (
              <polyline
                points={polyline(outPoints.map((p) => [x(p.at), yOut(p.value)]))}
                fill="none"
                stroke-width="2"
                stroke-dasharray="6 4"
              />
            )}
            {outPoints.map((p) => (
              <rect x={fixed(x(p.at) - 3)} y={fixed(yOut(p.value) - 3)} width="7" height="7" />
            ))}
          </g>
        )}
        {pain.length > 0 && (
          <g class="series pain" stroke={COLOR.pain} fill={COLOR.pain}>
            {pain.length > 1 && <polyline points={polyline(pain.map((p) => [x(p.at), yPain(p.value)]))} fill="none" stroke-width="2" />}
            {pain.map((p) => (
              <circle cx={fixed(x(p.at))} cy={fixed(yPain(p.value))} r="4" />
            ))}
          </g>
        )}
        {marks.length > 0 && (
          <g class="mcid" font-weight="bold">
            {marks.map((m) => {
              const mx = x(m.at);
              const v = valueAt(outPoints, m.at);
              const my = v === undefined ? top + 6 : yOut(v);
              const up = m.kind === "improved";
              const color = up ? COLOR.improved : COLOR.worsened;
              const anchor = mx > (left + right) / 2 ? "end" : "start";
              return (
                <g class={`mcid-${m.kind}`} fill={color}>
                  <path d={triangle(mx, my, up)} stroke="#fff" />
                  <text
                    x={fixed(anchor === "end" ? mx - 8 : mx + 8)}
                    y={fixed(Math.min(bottom - 4, Math.max(top + 4, up ? my - 8 : my + 16)))}
                    text-anchor={anchor}
                  >
                    {up ? t.improved : t.worsened}
                  </text>
                </g>
              );
            })}
          </g>
        )}
      </svg>
      <ul class="chart-legend">
        <li>
          <svg width="24" height="10" aria-hidden="true" focusable="false">
            <line x1="0" x2="24" y1="5" y2="5" stroke={COLOR.pain} stroke-width="2" />
            <circle cx="12" cy="5" r="3.5" fill={COLOR.pain} />
          </svg>{" "}
          {t.painLegend}
        </li>
        {outcome && (
          <li>
            <svg width="24" height="10" aria-hidden="true" focusable="false">
              <line x1="0" x2="24" y1="5" y2="5" stroke={COLOR.outcome} stroke-width="2" stroke-dasharray="6 4" />
              <rect x="8.5" y="1.5" width="7" height="7" fill={COLOR.outcome} />
            </svg>{" "}
            {outcomeLegend}
          </li>
        )}
        {marks.length > 0 && (
          <li>
            <svg width="24" height="10" aria-hidden="true" focusable="false">
              <path d={triangle(6, 5, true)} fill={COLOR.improved} />
              <path d={triangle(18, 5, false)} fill={COLOR.worsened} />
            </svg>{" "}
            {t.mcidLegend}
          </li>
        )}
      </ul>
      {visitsBar}
      <div class="visually-hidden">
        {pain.length > 0 && (
          <table>
            <caption>{caption(t.painCaption)}</caption>
            <tr>
              <th scope="col">{t.date}</th>
              <th scope="col">{t.painColumn}</th>
            </tr>
            {pain.map((p) => (
              <tr>
                <td>{rowDate(p.at)}</td>
                <td>{num(p.value)}</td>
              </tr>
            ))}
          </table>
        )}
        {outcome && outPoints.length > 0 && (
          <table>
            <caption>{caption(t.scores(outcome.label))}</caption>
            <tr>
              <th scope="col">{t.date}</th>
              <th scope="col">{outcome.unit === "percent" ? `${outcome.label} (%)` : outcome.label}</th>
            </tr>
            {outPoints.map((p) => (
              <tr>
                <td>{rowDate(p.at)}</td>
                <td>{unitValue(p.value)}</td>
              </tr>
            ))}
          </table>
        )}
      </div>
    </div>
  );
}
