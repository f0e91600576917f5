// Episodes of care opened, re-planned or closed from the EHR, with the events src/episodes/service.ts emits.

import { and, desc, eq } from "drizzle-orm";
import { episodeStartedPayload } from "../../episodes/model";
import * as episodesRepo from "../../episodes/repo";
import type { EpisodeInput } from "../../episodes/service";
import { type DischargeReason, episodes } from "../../episodes/tables";
import { commitWithEvents, type DomainEvent } from "../../events/publish";
import { auditStatement } from "../../platform/audit";
import { newId } from "../../platform/ids";
import * as schedulingRepo from "../../scheduling/repo";
import { type LinkRow, linkStatements, localTypes } from "../links";
import type { ApplyContext, ApplyOutcome, FhirResource } from "./types";

export function openEpisodeOf(ctx: ApplyContext, patientId: string) {
  return ctx.deps.db
    .select()
    .from(episodes)
    .where(and(eq(episodes.clinicId, ctx.clinicId), eq(episodes.patientId, patientId), eq(episodes.status, "open")))
    .orderBy(desc(episodes.startDate), desc(episodes.id))
    .get();
}

/**
 * Opens an episode exactly as startEpisode does (same row, audit action and episode.started payload, so the
 * journey enters "referred"), with the EHR link in the same batch so a retry can never open a second one.
 * `quiet`: history, stored without the event.
 */
export async function openEpisode(
  ctx: ApplyContext,
  resource: FhirResource,
  link: LinkRow | null,
  patientId: string,
  input: EpisodeInput,
  quiet: boolean,
): Promise<ApplyOutcome> {
  const now = ctx.deps.clock.now();
  const id = newId(now);
  const local = { localType: localTypes.episode, localId: id };
  const events: DomainEvent[] = [
    {
      type: "episode.started",
      patientId,
      payload: episodeStartedPayload(id, input),
    },
  ];
  await commitWithEvents(
    ctx.deps,
    ctx.actor,
    [
      episodesRepo.insertEpisode(ctx.deps.db, {
        id,
        clinicId: ctx.clinicId,
        patientId,
        ...input,
        status: "open",
        createdAt: now,
        updatedAt: now,
      }),
      auditStatement(ctx.deps, ctx.actor, "episode.start", patientId),
      ...linkStatements(ctx.deps.db, ctx, resource, local, link, now),
    ],
    quiet ? [] : events,
  );
  return { result: "applied", local, ...(quiet ? { note: "history: recorded without outreach" } : {}) };
}

/** Changes an open episode's plan or referral (as updatePlanOfCare does); unchanged when nothing differs. */
export async function updateEpisode(
  ctx: ApplyContext,
  resource: FhirResource,
  link: LinkRow | null,
  episode: episodesRepo.EpisodeRow,
  set: Partial<EpisodeInput>,
): Promise<ApplyOutcome> {
  const now = ctx.deps.clock.now();
  const local = { localType: localTypes.episode, localId: episode.id };
  const changes = Object.fromEntries(Object.entries(set).filter(([k, v]) => v !== undefined && v !== episode[k as keyof EpisodeInput]));
  const changed = Object.keys(changes).length > 0;
  const after = { ...episode, ...changes };
  await commitWithEvents(
    ctx.deps,
    ctx.actor,
    [
      ...(changed
        ? [
            episodesRepo.updateEpisodeRow(ctx.deps.db, ctx.clinicId, episode.id, { ...changes, updatedAt: now }),
            auditStatement(ctx.deps, ctx.actor, "episode.update", episode.patientId),
          ]
        : []),
      ...linkStatements(ctx.deps.db, ctx, resource, local, link, now),
    ],
    changed
      ? [
          {
            type: "episode.updated",
            patientId: episode.patientId,
            payload: { episodeId: episode.id, visitsPrescribed: after.visitsPrescribed, frequencyPerWeek: after.frequencyPerWeek },
          },
        ]
      : [],
  );
  return { result: changed ? "applied" : "unchanged", local };
}

/** Closes an open episode as dischargeEpisode does (same episode.discharged payload); `quiet` for history. */
export async function closeEpisode(
  ctx: ApplyContext,
  resource: FhirResource,
  link: LinkRow | null,
  episode: episodesRepo.EpisodeRow,
  reason: DischargeReason,
  quiet: boolean,
): Promise<ApplyOutcome> {
  const now = ctx.deps.clock.now();
  const local = { localType: localTypes.episode, localId: episode.id };
  const counts = await schedulingRepo.attendedCounts(ctx.deps.db, ctx.clinicId, [episode.id]);
  await commitWithEvents(
    ctx.deps,
    ctx.actor,
    [
      episodesRepo.updateEpisodeRow(ctx.deps.db, ctx.clinicId, episode.id, {
        status: "discharged",
        dischargeReason: reason,
        dischargedAt: now,
        updatedAt: now,
      }),
      auditStatement(ctx.deps, ctx.actor, "episode.discharge", episode.patientId),
      ...linkStatements(ctx.deps.db, ctx, resource, local, link, now),
    ],
    quiet
      ? []
      : [
          {
            type: "episode.discharged",
            patientId: episode.patientId,
            payload: {
              episodeId: episode.id,
              reason,
              visitsAttended: counts[0]?.attended ?? 0,
              visitsPrescribed: episode.visitsPrescribed,
            },
          },
        ],
  );
  return { result: "applied", local };
}
