import { describe, expect, it } from "vitest";
import { linearScale, timeDomain, timeTicks } from "../../../templates/components/chart-scale";
import { type ChartPoint, ProgressChart, type ProgressChartProps } from "../../../templates/components/progress-chart";

const DAY = 86_400_000;
const T0 = Date.parse("2026-02-01T15:00:00Z");
const NY = "America/New_York";

function render(props: Partial<ProgressChartProps> = {}): string {
  return String(ProgressChart({ pain: [], timeZone: NY, lang: "en", ...props }));
}

/** The chart's own <svg> (the legend swatches are separate small svgs). */
function chartSvg(html: string): string {
  const start = html.indexOf('<svg class="chart"');
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</svg>", start) + 6);
}

const series = (values: number[], step = DAY): ChartPoint[] => values.map((value, i) => ({ at: T0 + i * step, value }));

const odi = {
  label: "ODI",
  unit: "percent" as const,
  betterIsHigher: false,
  points: series([44, 38, 30, 24], 7 * DAY),
  mcidMarks: [
    { at: T0 + 14 * DAY, kind: "improved" as const },
    { at: T0 + 21 * DAY, kind: "worsened" as const },
  ],
};

describe("ProgressChart", () => {
  it("renders an accessible svg: role img, title, and a desc with the latest pain, change and visits", () => {
    const html = render({ pain: series([7, 6, 5, 3]), visits: { attended: 6, prescribed: 12 } });
    const svg = chartSvg(html);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="progress-chart-title progress-chart-desc"');
    expect(svg).toMatch(/<title id="progress-chart-title">Pain and progress<\/title>/);
    const desc = svg.match(/<desc[^>]*>(.*?)<\/desc>/)?.[1] ?? "";
    expect(desc).toContain("Latest pain: 3 out of 10 on Feb 4, 2026.");
    expect(desc).toContain("Down 4 points since the first check-in on Feb 1, 2026 (7 out of 10), an improvement.");
    expect(desc).toContain("6 of 12 visits attended.");
    expect(svg).toContain('viewBox="0 0 640 260"');
    // The visits-vs-plan bar under the chart.
    expect(html).toContain('<progress id="progress-chart-visits" value="6" max="12"');
    expect(html).toContain(">6 of 12 visits</span>");
    expect(html).toContain("Pain (0–10, lower is better)");
  });

  it("draws one circle per pain point and lists each point in the hidden data table", () => {
    const pain = series([8, 7, 7, 6, 4, 5, 3]);
    const html = render({ pain });
    expect(chartSvg(html).match(/<circle /g)).toHaveLength(pain.length);
    const table = html.slice(html.indexOf('<div class="visually-hidden">'));
    expect(table).toContain("<caption>Pain check-ins, 2026</caption>");
    expect(table.match(/<tr><td>/g)).toHaveLength(pain.length);
    expect(table).toContain("<tr><td>Feb 1</td><td>8</td></tr>");
    expect(table).toContain("<tr><td>Feb 7</td><td>3</td></tr>");
  });

  it("maps pain 0 to the bottom of the plot and 10 to the top", () => {
    for (const height of [260, 400]) {
      const svg = chartSvg(render({ pain: series([0, 5, 10]), height }));
      const cys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
      const [zero, five, ten] = cys as [number, number, number];
      // Same rows as the 0 and 10 axis labels / grid lines.
      const grid = [...svg.matchAll(/<line x1="\d+" x2="\d+" y1="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(zero).toBe(Math.max(...grid));
      expect(ten).toBe(Math.min(...grid));
      expect(zero).toBeGreaterThan(five);
      expect(five).toBeGreaterThan(ten);
      expect(zero).toBeLessThan(height);
      expect(ten).toBeGreaterThan(0);
      expect(Math.abs(five - (zero + ten) / 2)).toBeLessThanOrEqual(1);
    }
  });

  it("formats dates in the given time zone, in the given language", () => {
    const at = Date.parse("2026-03-08T06:30:00Z"); // 01:30 on 8 Mar in New York
    const ticks = (html: string) =>
      [...chartSvg(html).matchAll(/<text [^>]*text-anchor="(?:start|middle|end)">([^<]+)<\/text>/g)].map((m) => m[1]);
    const en = render({ pain: [{ at, value: 4 }] });
    expect(ticks(en)).toContain("Mar 8");
    expect(en).toContain("on Mar 8, 2026");
    expect(en).toContain("<td>Mar 8</td>");
    const es = render({ pain: [{ at, value: 4 }], lang: "es" });
    expect(ticks(es)).toContain("8 mar");
    expect(es).toContain("el 8 mar 2026");
    // 03:00Z is still the 7th in New York but the 8th in UTC and Tokyo (where 20:00Z is already the 9th).
    const late = [
      { at: Date.parse("2026-03-08T03:00:00Z"), value: 5 },
      { at: Date.parse("2026-03-08T20:00:00Z"), value: 4 },
    ];
    expect(render({ pain: late })).toContain("<td>Mar 7</td>");
    expect(render({ pain: late, timeZone: "UTC" })).toMatch(/<td>Mar 8<\/td><td>5<\/td>/);
    expect(render({ pain: late, timeZone: "Asia/Tokyo" })).toContain("<td>Mar 9</td>");
  });

  it("draws the outcome as a dashed line with square markers, and MCID marks with a shape and a label", () => {
    const html = render({ pain: series([7, 5, 4, 3], 7 * DAY), outcome: odi });
    const svg = chartSvg(html);
    expect(svg).toMatch(/<g class="series outcome"[^>]*><polyline [^>]*stroke-dasharray="6 4"/);
    expect(svg.match(/<rect /g)).toHaveLength(odi.points.length);
    expect(svg).toMatch(/<g class="mcid-improved"[^>]*><path d="M[^"]+"[^>]*><\/path><text [^>]*>Improved<\/text>/);
    expect(svg).toMatch(/<g class="mcid-worsened"[^>]*><path d="M[^"]+"[^>]*><\/path><text [^>]*>Worse<\/text>/);
    expect(svg).toContain(">100%</text>");
    const desc = svg.match(/<desc[^>]*>(.*?)<\/desc>/)?.[1] ?? "";
    expect(desc).toContain("ODI: latest 24% on Feb 22, 2026, down 20% since the first (44%), an improvement.");
    expect(desc).toContain("Clinically meaningful improvement (MCID) on Feb 15, 2026.");
    expect(desc).toContain("Clinically meaningful worsening (MCID) on Feb 22, 2026.");
    expect(html).toContain("ODI (0–100%, lower is better)");
    expect(html).toContain("Meaningful change (MCID)");
    expect(html).toContain("<caption>ODI scores, 2026</caption>");
    expect(html).toContain("<tr><td>Feb 22</td><td>24%</td></tr>");
  });

  it("uses the instrument's points range on the second scale", () => {
    const psfs = {
      label: "PSFS",
      unit: "points" as const,
      betterIsHigher: true,
      range: { min: 0, max: 10 },
      points: series([3, 6], 7 * DAY),
    };
    const html = render({ pain: series([6, 4], 7 * DAY), outcome: psfs });
    expect(chartSvg(html)).toMatch(/text-anchor="start"><text [^>]*>0<\/text><text [^>]*>5<\/text><text [^>]*>10<\/text>/);
    expect(html).toContain("PSFS: latest 6 points on Feb 8, 2026, up 3 points since the first (3 points), an improvement.");
    expect(html).toContain("PSFS (0–10 points, higher is better)");
  });

  it("writes every text in Spanish when the language is es", () => {
    const html = render({ lang: "es", pain: series([7, 5, 4, 3], 7 * DAY), outcome: odi, visits: { attended: 6, prescribed: 12 } });
    expect(html).toContain('<title id="progress-chart-title">Dolor y progreso</title>');
    expect(html).toContain("Dolor más reciente: 3 de 10 el 22 feb 2026.");
    expect(html).toContain("Bajó 4 puntos desde el primer registro del 1 feb 2026 (7 de 10), una mejora.");
    expect(html).toContain("6 de 12 visitas");
    expect(html).toContain("Dolor (0–10, menos es mejor)");
    expect(html).toContain(">Mejoró</text>");
    expect(html).toContain(">Empeoró</text>");
    expect(html).toContain('<th scope="col">Fecha</th>');
    expect(html).toContain("<caption>Registros de dolor, 2026</caption>");
    for (const english of ["Pain", "Latest", " visits", "Improved", "Date", "lower is better"]) expect(html).not.toContain(english);
  });

  it("shows a friendly message instead of an empty chart", () => {
    const en = render({ visits: { attended: 0, prescribed: 8 } });
    expect(en).not.toContain("<svg");
    expect(en).toContain("No check-ins yet");
    expect(en).toContain("0 of 8 visits");
    const es = render({ lang: "es", outcome: { ...odi, points: [], mcidMarks: [] } });
    expect(es).not.toContain("<svg");
    expect(es).toContain("Aún no hay registros");
  });

  it("keeps the markup for 60 points under 8 KB", () => {
    const pain = series(Array.from({ length: 60 }, (_, i) => (i * 7) % 11));
    const html = render({ pain, visits: { attended: 30, prescribed: 36 } });
    const bytes = new TextEncoder().encode(html).length;
    expect(chartSvg(html).match(/<circle /g)).toHaveLength(60);
    expect(bytes).toBeLessThan(8 * 1024);
    // With an outcome series and MCID marks alongside, still comfortably small.
    const withOutcome = render({
      pain,
      outcome: { ...odi, points: series([44, 40, 36, 30, 28, 24, 22, 20], 7 * DAY) },
      visits: { attended: 30, prescribed: 36 },
    });
    expect(new TextEncoder().encode(withOutcome).length).toBeLessThan(10 * 1024);
  });

  it("emits no inline style and no script, even with hostile labels", () => {
    const outputs = [
      render(),
      render({ lang: "es" }),
      render({ pain: series([5, 4]), visits: { attended: 1, prescribed: 1 } }),
      render({
        pain: series([5, 4]),
        title: '<script>alert(1)</script>" style="x',
        outcome: { ...odi, label: "<script>alert(1)</script>" },
      }),
    ];
    expect(outputs[3]).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot; style=&quot;x</title>");
    for (const html of outputs) {
      expect(html).not.toMatch(/\sstyle\s*=\s*["']/);
      expect(html).not.toContain("<script");
    }
  });

  it("ignores non-finite points and clamps pain to 0-10", () => {
    const svg = chartSvg(render({ pain: [...series([12, -3]), { at: Number.NaN, value: 4 }, { at: T0 + 5 * DAY, value: Number.NaN }] }));
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain("Latest pain: 0 out of 10");
  });
});

describe("chart-scale", () => {
  it("scales linearly and clamps", () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(5)).toBe(100);
    expect(y(20)).toBe(0);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it("widens a single instant and drops ticks with repeated labels", () => {
    const [a, b] = timeDomain([T0]);
    expect(b - a).toBe(2 * DAY);
    const ticks = timeTicks([T0, T0 + 2 * DAY], 5, (t) => new Date(t).toISOString().slice(0, 10));
    expect(ticks.map((t) => t.text)).toEqual(["2026-02-01", "2026-02-02", "2026-02-03"]);
  });
});
