import { ProgressChart, type ProgressChartProps } from "../components/progress-chart";

type Change = "improved" | "worsened" | "no_meaningful_change";

export interface CheckInView {
  when: string;
  /** "6/10" */
  score: string;
  note: string | null;
  /** How it was given: "check-in" or "NPRS questionnaire". */
  source: string;
}

export interface QuestionnaireRowView {
  when: string;
  name: string;
  /** "52/80", "30%" */
  score: string;
  change: Change | null;
  /** "MCID 9 points": what the change mark is measured against. */
  mcid: string;
}

export interface OutcomesSectionView {
  chart: Omit<ProgressChartProps, "lang" | "timeZone" | "id" | "title">;
  timeZone: string;
  /** One or two sentences: pain and the main outcome, first against latest. */
  summary: string;
  checkIns: CheckInView[];
  questionnaires: QuestionnaireRowView[];
  /** Responses older than the ones listed. */
  hidden: number;
}

const changeWords: Record<Change, string> = {
  improved: "meaningful improvement",
  worsened: "meaningful worsening",
  no_meaningful_change: "no meaningful change",
};

/** The staff side of the progress chart the patient sees, and the check-ins and questionnaires behind it. */
export function OutcomesSection(props: { view: OutcomesSectionView }) {
  const v = props.view;
  return (
    <section aria-labelledby="outcomes-h" class="card" id="outcomes">
      <h2 id="outcomes-h">Check-ins and outcomes</h2>
      <p>{v.summary}</p>
      <ProgressChart id="staff-progress" lang="en" timeZone={v.timeZone} {...v.chart} />
      <h3>Pain check-ins</h3>
      {v.checkIns.length === 0 ? (
        <p class="empty">No pain check-in yet.</p>
      ) : (
        <table class="list">
          <caption class="visually-hidden">Latest pain check-ins</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Pain</th>
              <th scope="col">Note</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {v.checkIns.map((r) => (
              <tr>
                <td>{r.when}</td>
                <td>{r.score}</td>
                <td>{r.note ?? "—"}</td>
                <td>{r.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Questionnaires</h3>
      {v.questionnaires.length === 0 ? (
        <p class="empty">No questionnaire yet.</p>
      ) : (
        <table class="list">
          <caption class="visually-hidden">Latest questionnaires</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Questionnaire</th>
              <th scope="col">Score</th>
              <th scope="col">Change since the first</th>
            </tr>
          </thead>
          <tbody>
            {v.questionnaires.map((r) => (
              <tr>
                <td>{r.when}</td>
                <td>{r.name}</td>
                <td>{r.score}</td>
                <td>
                  {r.change === null ? (
                    <span class="hint">first ({r.mcid})</span>
                  ) : (
                    <span class={`badge mcid-${r.change}`}>
                      {r.change === "improved" ? "▲ " : r.change === "worsened" ? "▼ " : ""}
                      {changeWords[r.change]} ({r.mcid})
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {v.hidden > 0 && <p class="hint">and {v.hidden} earlier responses (shown on the chart).</p>}
    </section>
  );
}
