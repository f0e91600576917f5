import { ProgressBar } from "../components/progress-bar";
import { EpisodeCard, type EpisodeCardView, type Options } from "./episode-card.partial";

/** The patient page's episodes of care: the current ones in full, earlier ones in a short list. */
export function EpisodesSection(props: {
  patientId: string;
  csrfToken: string;
  current: EpisodeCardView[];
  other: EpisodeCardView[];
  dischargeOptions: Options;
}) {
  return (
    <section aria-labelledby="episodes-h" class="card" id="episodes">
      <div class="page-head">
        <h2 id="episodes-h">Episodes of care</h2>
        <a class="button" href={`/patients/${props.patientId}/episodes/new`}>
          Start episode of care
        </a>
      </div>
      {props.current.length === 0 && <p class="empty">No episode of care yet.</p>}
      {props.current.map((episode) => (
        <EpisodeCard episode={episode} csrfToken={props.csrfToken} dischargeOptions={props.dischargeOptions} />
      ))}
      {props.other.length > 0 && (
        <>
          <h3>Other episodes</h3>
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Episode</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Visits</th>
              </tr>
            </thead>
            <tbody>
              {props.other.map((e) => (
                <tr id={`episode-${e.id}`}>
                  <td>
                    {e.region}: {e.diagnosis}
                  </td>
                  <td>{e.startDate}</td>
                  <td>{e.status === "open" ? "open" : `discharged ${e.dischargedOn ?? ""} (${e.dischargeReason ?? "no reason"})`}</td>
                  <td>
                    <ProgressBar
                      id={`plan-${e.id}`}
                      value={e.attended}
                      max={e.visitsPrescribed}
                      text={`${e.attended} of ${e.visitsPrescribed} visits`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
