import { Hono } from "hono";
import { z } from "zod";
import { ExercisesPage, type ExercisesPageProps } from "../../templates/portal/exercises";
import { adherenceFigures } from "../hep/dose";
import { exerciseById } from "../hep/library";
import { todaysExercises } from "../hep/model";
import { loadHep, logExercise } from "../hep/service";
import { recordAudit } from "../platform/audit";
import { type PortalContext as C, loadPortalPatient, localDate, type PortalEnv, patientActor } from "./context";

/** Today's home exercises: /portal/exercises (behind the device check, see routes.tsx). */
export const hepPortalRoutes = new Hono<PortalEnv>();

/** A library id or "session": lower-case words and dashes. Anything else is not an exercise. */
const exerciseParam = z.string().regex(/^[a-z0-9-]{1,64}$/);

type Outcome = Pick<ExercisesPageProps, "notice" | "error">;

async function render(c: C, outcome: Outcome, status: 200 | 404 | 409 = 200) {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const deps = c.get("deps");
  const s = c.get("portal");
  const today = localDate(deps.clock.now(), p.zone);
  const hep = await loadHep(deps, s.clinicId, s.patientId, today);
  const exercises = todaysExercises(hep.program, hep.logs, today).flatMap(({ item, timesDone, done }) => {
    const exercise = exerciseById(item.exerciseId);
    if (!exercise) return [];
    const es = p.lang === "es";
    return [
      {
        exerciseId: exercise.id,
        name: es ? exercise.nameEs : exercise.name,
        instructions: es ? exercise.instructionsEs : exercise.instructions,
        dose: item,
        timesDone,
        done,
      },
    ];
  });
  // A program that starts today has no past yet: "0 of 2 sessions" on day one would only discourage.
  const hasPast = hep.rows.some((r) => r.startDate < today);
  await recordAudit(deps, patientActor(c, s), "portal.exercises.view", s.patientId);
  return c.html(
    <ExercisesPage
      lang={p.lang}
      clinicName={p.clinic.name}
      csrf={s.csrf}
      exercises={exercises}
      adherence={hasPast ? adherenceFigures(hep.program, hep.logs, today) : null}
      {...outcome}
    />,
    status,
  );
}

hepPortalRoutes.get("/exercises", (c) => render(c, { notice: c.req.query("done") === "1" ? "saved" : undefined }));

// One route for both: an exercise's own "Done" (/exercises/:exerciseId/done) and "I did my whole
// session" (/exercises/session/done), since "session" is the log's own exercise id (see hep/model).
hepPortalRoutes.post("/exercises/:exerciseId/done", async (c) => {
  const parsed = exerciseParam.safeParse(c.req.param("exerciseId"));
  if (!parsed.success) return render(c, { error: "not_in_program" }, 404);
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const deps = c.get("deps");
  const s = c.get("portal");
  const result = await logExercise(deps, patientActor(c, s), s.patientId, parsed.data, localDate(deps.clock.now(), p.zone));
  if (!result.ok) {
    return result.error === "nothing_today" ? render(c, { error: "nothing_today" }, 409) : render(c, { error: "not_in_program" }, 404);
  }
  // A repeat or an already finished exercise wrote nothing, but the patient's tap still "worked".
  return c.redirect("/portal/exercises?done=1", 303);
});
