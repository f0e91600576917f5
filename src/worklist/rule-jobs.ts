import { and, eq, gte, lte } from "drizzle-orm";
import { localDateIn } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import { clinics } from "../clinics/tables";
import { authorizationUse } from "../episodes/model";
import { episodeAuthorizations, findEpisode } from "../episodes/repo";
import { authorizations, episodes } from "../episodes/tables";
import type { StoredEvent } from "../events/publish";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import { addDays } from "../platform/time";
import { patientAppointments } from "../scheduling/repo";
import { insertRuleTask } from "./repo";
import { type RuleTask, taskForExpiringAuthorization, tasksAfterAttendedVisit } from "./rules";

async function writeRuleTasks(deps: Deps, clinicId: string, ruleTasks: RuleTask[]) {
  if (ruleTasks.length === 0) return;
  const now = deps.clock.now();
  await deps.db.batch(
    ruleTasks.map((t) =>
      insertRuleTask(deps.db, { id: newId(now), clinicId, ...t, status: "open", createdBy: "rule", createdAt: now }),
    ) as [ReturnType<typeof insertRuleTask>, ...ReturnType<typeof insertRuleTask>[]],
  );
}

/** Subscriber: attended visits may make a progress note due or an authorization run low. */
export async function onAttendedVisits(deps: Deps, events: StoredEvent[]): Promise<void> {
  for (const e of events) {
    if (e.type !== "appointment.attended" || !e.patientId || typeof e.payload.episodeId !== "string") continue;
    const [clinic, episode] = await Promise.all([findClinic(deps.db, e.clinicId), findEpisode(deps.db, e.clinicId, e.payload.episodeId)]);
    if (!clinic || !episode) continue;
    const today = localDateIn(deps.clock.now(), clinic.timeZone);
    const [visits, auths] = await Promise.all([
      patientAppointments(deps.db, e.clinicId, e.patientId),
      episodeAuthorizations(deps.db, e.clinicId, [episode.id]),
    ]);
    const attended = visits.filter((v) => v.episodeId === episode.id && v.status === "attended");
    const attendedDates = attended.map((v) => localDateIn(v.startsAt, clinic.timeZone));
    const ruleTasks = tasksAfterAttendedVisit({
      patientId: e.patientId,
      episodeId: episode.id,
      attendedInEpisode: attended.length,
      today,
      authorizations: auths.map((a) => ({ id: a.id, payer: a.payer, state: authorizationUse(a, attendedDates, today) })),
    });
    await writeRuleTasks(deps, e.clinicId, ruleTasks);
  }
}

/** Daily cron: authorizations of open episodes that end within ten days. One query per clinic. */
export async function expiringAuthorizationsJob(deps: Deps): Promise<void> {
  const all = await deps.db.select({ id: clinics.id, timeZone: clinics.timeZone }).from(clinics);
  for (const clinic of all) {
    const today = localDateIn(deps.clock.now(), clinic.timeZone);
    const rows = await deps.db
      .select({ id: authorizations.id, payer: authorizations.payer, patientId: authorizations.patientId, endDate: authorizations.endDate })
      .from(authorizations)
      .innerJoin(episodes, and(eq(episodes.id, authorizations.episodeId), eq(episodes.clinicId, authorizations.clinicId)))
      .where(
        and(
          eq(authorizations.clinicId, clinic.id),
          eq(episodes.status, "open"),
          gte(authorizations.endDate, today),
          lte(authorizations.endDate, addDays(today, 10)),
        ),
      );
    await writeRuleTasks(
      deps,
      clinic.id,
      rows.map((r) => taskForExpiringAuthorization(r, today)),
    );
  }
}
