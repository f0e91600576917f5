// CarePlan: the plan of care of the patient's open episode (opened if there is none); closing the plan discharges it.
import { localDateIn } from "../../clinics/model";
import * as episodesRepo from "../../episodes/repo";
import { mapCarePlan } from "../fhir/care-plan";
import { isHistory, toInstant } from "../fhir/common";
import { DEFAULT_PLAN } from "../fhir/episode-facts";
import { localTypes } from "../links";
import { closeEpisode, openEpisode, openEpisodeOf, updateEpisode } from "./episodes";
import { NO_PATIENT } from "./people";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyOutcome } from "./types";

export const applyCarePlan: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapCarePlan(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
  const { db } = ctx.deps;
  const patient = await ctx.resolve(facts.subject);
  if (patient?.localType !== localTypes.patient) return { result: "failed", reason: NO_PATIENT };
  const linked = link?.localType === localTypes.episode ? await episodesRepo.findEpisode(db, ctx.clinicId, link.localId) : undefined;
  const now = ctx.deps.clock.now();
  const dated = (date: string | null) => (date ? toInstant(date, ctx.clinicTimeZone) : null);

  if (facts.state !== "active") {
    if (linked?.status !== "open") return { result: "skipped", note: `${facts.state} plan of care: no open episode of it here to close` };
    const ended = dated(facts.endDate) ?? now;
    return closeEpisode(ctx, resource, link, linked, facts.state === "completed" ? "plan_completed" : "other", isHistory(ended, now));
  }
  const episode = linked ?? (await openEpisodeOf(ctx, patient.localId));
  if (episode?.status === "open") {
    return updateEpisode(ctx, resource, link, episode, {
      visitsPrescribed: facts.plan.visitsPrescribed ?? undefined,
      frequencyPerWeek: facts.plan.frequencyPerWeek ?? undefined,
      durationWeeks: facts.plan.durationWeeks ?? undefined,
      goals: facts.goals || undefined,
    });
  }
  if (episode)
    return {
      result: "unchanged",
      local: { localType: localTypes.episode, localId: episode.id },
      note: "its episode is already discharged",
    };
  const started = dated(facts.startDate);
  return openEpisode(
    ctx,
    resource,
    link,
    patient.localId,
    {
      bodyRegion: facts.bodyRegion,
      diagnosis: facts.diagnosis,
      icd10Code: facts.icd10Code,
      referralSourceId: null,
      referringPhysician: null,
      startDate: facts.startDate ?? localDateIn(now, ctx.clinicTimeZone),
      visitsPrescribed: facts.plan.visitsPrescribed ?? DEFAULT_PLAN.visitsPrescribed,
      frequencyPerWeek: facts.plan.frequencyPerWeek ?? DEFAULT_PLAN.frequencyPerWeek,
      durationWeeks: facts.plan.durationWeeks ?? DEFAULT_PLAN.durationWeeks,
      goals: facts.goals,
    },
    started !== null && isHistory(started, now),
  );
};
