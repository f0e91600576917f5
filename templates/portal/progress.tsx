import { ProgressChart, type ProgressChartProps } from "../components/progress-chart";
import { PortalPage } from "./layout";
import { type PortalKey, type PortalLanguage, t } from "./strings";

type Change = "improved" | "worsened" | "no_meaningful_change";

const changeKeys: Record<Change, PortalKey> = {
  improved: "outcomesImproved",
  worsened: "outcomesWorsened",
  no_meaningful_change: "outcomesNoChange",
};

/** One measure in words: its latest score and date, and (with two or more) the first and whether it changed meaningfully. */
export interface ScoreLine {
  name: string;
  latest: string;
  latestDate: string;
  first: string | null;
  change: Change | null;
}

export interface ProgressView {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  zone: string;
  chart: Omit<ProgressChartProps, "lang" | "timeZone" | "id" | "title">;
  pain: ScoreLine | null;
  outcomes: ScoreLine[];
}

function Change(props: { lang: PortalLanguage; line: ScoreLine }) {
  const { lang, line } = props;
  if (!line.change || !line.first) return null;
  return (
    <>
      {" "}
      {t(lang, "outcomesSummaryOutcomeFirst", { first: line.first })} <strong>{t(lang, changeKeys[line.change])}</strong>
    </>
  );
}

/**
 * The story in a few sentences first (what a screen reader reaches first, and plain for everyone), then the
 * chart (pain, the main outcome with MCID marks, visits against the plan), then every questionnaire's score.
 */
export function ProgressPage(v: ProgressView) {
  const { lang } = v;
  const empty = !v.pain && v.outcomes.length === 0;
  return (
    <PortalPage lang={lang} title={t(lang, "outcomesProgressTitle")} clinicName={v.clinicName} csrf={v.csrf} section="progress">
      <h1>{t(lang, "outcomesProgressTitle")}</h1>
      <div class="card progress-summary">
        {empty && <p>{t(lang, "outcomesProgressEmpty")}</p>}
        {v.pain && (
          <p>
            {t(lang, "outcomesSummaryPain", { latest: v.pain.latest, date: v.pain.latestDate })}
            <Change lang={lang} line={v.pain} />
          </p>
        )}
        <p>
          <a href="/portal/check-in">{t(lang, "outcomesCheckInNow")}</a>
        </p>
      </div>
      {/* A narrower drawing than the staff page's, so its labels stay readable on a 320 px phone. */}
      <ProgressChart id="portal-progress" lang={lang} timeZone={v.zone} width={360} height={240} {...v.chart} />
      {v.outcomes.length > 0 && (
        <section class="card" aria-labelledby="scores-h">
          <h2 id="scores-h">{t(lang, "outcomesScoresHeading")}</h2>
          <ul>
            {v.outcomes.map((o) => (
              <li>
                {t(lang, "outcomesSummaryOutcome", { name: o.name, latest: o.latest, date: o.latestDate })}
                <Change lang={lang} line={o} />
              </li>
            ))}
          </ul>
          <p>
            <a href="/portal/questionnaires">{t(lang, "navQuestionnaires")}</a>
          </p>
        </section>
      )}
    </PortalPage>
  );
}
