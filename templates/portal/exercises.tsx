import { adherenceWords, type DoseView, doseInWords } from "./hep-words";
import { PortalPage } from "./layout";
import { type PortalLanguage, t } from "./strings";

export interface TodaysExerciseView {
  exerciseId: string;
  /** Name and instructions in the patient's language. */
  name: string;
  instructions: string;
  dose: DoseView;
  timesDone: number;
  done: boolean;
}

export interface ExercisesPageProps {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
  exercises: TodaysExerciseView[];
  adherence: { percent: number; done: number; prescribed: number } | null;
  notice?: "saved";
  error?: "not_in_program" | "nothing_today";
}

/** "Today's exercises": each exercise with a one-tap Done, a whole-session button, and the last two weeks. */
export function ExercisesPage(p: ExercisesPageProps) {
  const { lang } = p;
  const allDone = p.exercises.every((e) => e.done);
  return (
    <PortalPage lang={lang} title={t(lang, "hepTitle")} clinicName={p.clinicName} csrf={p.csrf} section="exercises">
      <h1>{t(lang, "hepTitle")}</h1>
      {p.notice && (
        <p class="notice" role="status">
          {t(lang, "hepSaved")}
        </p>
      )}
      {p.error && (
        <p class="error" role="alert">
          {t(lang, p.error === "nothing_today" ? "hepNothingToday" : "hepNotInProgram")}
        </p>
      )}
      {p.exercises.length === 0 ? (
        <p class="card">{t(lang, "hepEmpty")}</p>
      ) : (
        <>
          {p.adherence && (
            <section class="card" aria-labelledby="hep-adherence-h">
              <h2 id="hep-adherence-h">{t(lang, "hepAdherenceTitle")}</h2>
              <p>{adherenceWords(lang, p.adherence)}</p>
            </section>
          )}
          <p>{t(lang, "hepIntro")}</p>
          {!allDone && (
            <form method="post" action="/portal/exercises/session/done">
              <input type="hidden" name="_csrf" value={p.csrf} />
              <button type="submit" aria-describedby="hep-session-hint">
                {t(lang, "hepSessionButton")}
              </button>
              <p class="hint" id="hep-session-hint">
                {t(lang, "hepSessionHint")}
              </p>
            </form>
          )}
          <ol class="hep-list">
            {p.exercises.map((e) => (
              <ExerciseCard lang={lang} csrf={p.csrf} exercise={e} />
            ))}
          </ol>
        </>
      )}
    </PortalPage>
  );
}

function ExerciseCard(props: { lang: PortalLanguage; csrf: string; exercise: TodaysExerciseView }) {
  const { lang, exercise: e } = props;
  const total = e.dose.timesPerDay;
  return (
    <li class="card">
      <h2>{e.name}</h2>
      <p>{e.instructions}</p>
      <p>
        <strong>{t(lang, "hepHowMuch")}:</strong> {doseInWords(lang, e.dose)}
      </p>
      {e.done ? (
        <p class="hep-done">{t(lang, "hepDoneToday")}</p>
      ) : (
        <>
          {total > 1 && <p>{t(lang, "hepProgress", { done: String(e.timesDone), total: String(total) })}</p>}
          <form method="post" action={`/portal/exercises/${e.exerciseId}/done`}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" aria-label={t(lang, "hepDoneLabel", { name: e.name })}>
              {t(lang, "hepDone")}
            </button>
          </form>
        </>
      )}
    </li>
  );
}
