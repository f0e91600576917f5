import { localDateIn } from "../clinics/model";
import { commitWithEvents } from "../events/publish";
import { findPatient } from "../patients/repo";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { findReferralSource } from "../referrals/repo";
import { attendedCounts, patientAppointments } from "../scheduling/repo";
import { authorizationUse, episodeStartedPayload, planProgress } from "./model";
import * as repo from "./repo";
import type { BodyRegion, DischargeReason } from "./tables";

export interface EpisodeInput {
  bodyRegion: BodyRegion;
  diagnosis: string;
  icd10Code: string | null;
  referralSourceId: string | null;
  referringPhysician: string | null;
  startDate: string;
  visitsPrescribed: number;
  frequencyPerWeek: number;
  durationWeeks: number;
  goals: string;
}

export type EpisodeError = "patient_not_found" | "episode_not_found" | "referral_source_not_found" | "already_discharged";

export async function startEpisode(
  deps: Deps,
  actor: Actor,
  patientId: string,
  input: EpisodeInput,
): Promise<Result<string, EpisodeError>> {
  if (!(await findPatient(deps.db, actor.clinicId, patientId))) return err("patient_not_found");
  if (input.referralSourceId && !(await findReferralSource(deps.db, actor.clinicId, input.referralSourceId))) {
    return err("referral_source_not_found");
  }
  const now = deps.clock.now();
  const id = newId(now);
  await commitWithEvents(
    deps,
    actor,
    [
      repo.insertEpisode(deps.db, { id, clinicId: actor.clinicId, patientId, ...input, status: "open", createdAt: now, updatedAt: now }),
      auditStatement(deps, actor, "episode.start", patientId),
    ],
    [
      {
        type: "episode.started",
        patientId,
        payload: episodeStartedPayload(id, input),
      },
    ],
  );
  return ok(id);
}

export async function updatePlanOfCare(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  input: EpisodeInput,
): Promise<Result<true, EpisodeError>> {
  const episode = await repo.findEpisode(deps.db, actor.clinicId, episodeId);
  if (!episode) return err("episode_not_found");
  if (episode.status !== "open") return err("already_discharged");
  if (input.referralSourceId && !(await findReferralSource(deps.db, actor.clinicId, input.referralSourceId))) {
    return err("referral_source_not_found");
  }
  await commitWithEvents(
    deps,
    actor,
    [
      repo.updateEpisodeRow(deps.db, actor.clinicId, episodeId, { ...input, updatedAt: deps.clock.now() }),
      auditStatement(deps, actor, "episode.update", episode.patientId),
    ],
    [
      {
        type: "episode.updated",
        patientId: episode.patientId,
        payload: { episodeId, visitsPrescribed: input.visitsPrescribed, frequencyPerWeek: input.frequencyPerWeek },
      },
    ],
  );
  return ok(true);
}

export async function dischargeEpisode(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  reason: DischargeReason,
): Promise<Result<true, EpisodeError>> {
  const episode = await repo.findEpisode(deps.db, actor.clinicId, episodeId);
  if (!episode) return err("episode_not_found");
  if (episode.status !== "open") return err("already_discharged");
  const now = deps.clock.now();
  const counts = await attendedCounts(deps.db, actor.clinicId, [episodeId]);
  await commitWithEvents(
    deps,
    actor,
    [
      repo.updateEpisodeRow(deps.db, actor.clinicId, episodeId, {
        status: "discharged",
        dischargeReason: reason,
        dischargedAt: now,
        updatedAt: now,
      }),
      auditStatement(deps, actor, "episode.discharge", episode.patientId),
    ],
    [
      {
        type: "episode.discharged",
        patientId: episode.patientId,
        payload: { episodeId, reason, visitsAttended: counts[0]?.attended ?? 0, visitsPrescribed: episode.visitsPrescribed },
      },
    ],
  );
  return ok(true);
}

export interface AuthorizationInput {
  payer: string;
  visitsAuthorized: number;
  startDate: string;
  endDate: string;
}

export async function addAuthorization(
  deps: Deps,
  actor: Actor,
  episodeId: string,
  input: AuthorizationInput,
): Promise<Result<string, EpisodeError>> {
  const episode = await repo.findEpisode(deps.db, actor.clinicId, episodeId);
  if (!episode) return err("episode_not_found");
  const now = deps.clock.now();
  const id = newId(now);
  await commitWithEvents(
    deps,
    actor,
    [
      repo.insertAuthorization(deps.db, {
        id,
        clinicId: actor.clinicId,
        episodeId,
        patientId: episode.patientId,
        ...input,
        createdAt: now,
      }),
      auditStatement(deps, actor, "authorization.add", episode.patientId),
    ],
    [
      {
        type: "authorization.added",
        patientId: episode.patientId,
        payload: { episodeId, authorizationId: id, visitsAuthorized: input.visitsAuthorized },
      },
    ],
  );
  return ok(id);
}

/**
 * A patient's episodes with progress and authorization state, computed from one read of
 * their appointments: attended visits only count, and only within each authorization's dates.
 */
export async function patientCare(deps: Deps, clinicId: string, patientId: string, today: string, timeZone: string) {
  const [episodes, visits] = await Promise.all([
    repo.patientEpisodes(deps.db, clinicId, patientId),
    patientAppointments(deps.db, clinicId, patientId),
  ]);
  const auths = await repo.episodeAuthorizations(
    deps.db,
    clinicId,
    episodes.map((e) => e.id),
  );
  return {
    visits,
    episodes: episodes.map((e) => {
      const attended = visits.filter((v) => v.episodeId === e.id && v.status === "attended");
      const attendedDates = attended.map((v) => localDateIn(v.startsAt, timeZone));
      return {
        episode: e,
        progress: planProgress(attended.length, e.visitsPrescribed),
        authorizations: auths
          .filter((a) => a.episodeId === e.id)
          .map((a) => ({ authorization: a, state: authorizationUse(a, attendedDates, today) })),
      };
    }),
  };
}
