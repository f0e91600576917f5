// ServiceRequest: a referral. The patient gets an open episode (entering "referred") with its referral source.
import { localDateIn } from "../../clinics/model";
import * as episodesRepo from "../../episodes/repo";
import { isHistory, toInstant } from "../fhir/common";
import { DEFAULT_PLAN } from "../fhir/episode-facts";
import { mapServiceRequest, type ReferralFacts } from "../fhir/service-request";
import { localTypes } from "../links";
import { openEpisode, openEpisodeOf, updateEpisode } from "./episodes";
import { NO_PATIENT } from "./people";
import { mappedAndNewer } from "./prelude";
import { physicianSourceFor, practiceSourceFor } from "./referral-source";
import type { Applier, ApplyContext, ApplyOutcome } from "./types";

/** Who referred, as a referral source here (and a name for the episode's referring physician line). */
async function referrerOf(ctx: ApplyContext, requester: ReferralFacts["requester"]) {
  if (!requester) return { referralSourceId: null, referringPhysician: null };
  const local = requester.reference ? await ctx.resolve(requester.reference) : null;
  if (local?.localType === localTypes.practitioner) {
    return { referralSourceId: await physicianSourceFor(ctx, local.localId), referringPhysician: null };
  }
  if (requester.display && (requester.type === "Organization" || requester.type === null)) {
    return { referralSourceId: await practiceSourceFor(ctx, requester.display), referringPhysician: null };
  }
  // A practitioner the EHR has not sent: the name is kept on the episode, without a source to count.
  return { referralSourceId: null, referringPhysician: requester.display?.slice(0, 100) ?? null };
}

export const applyServiceRequest: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapServiceRequest(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
  const { db } = ctx.deps;
  const patient = await ctx.resolve(facts.subject);
  if (patient?.localType !== localTypes.patient) return { result: "failed", reason: NO_PATIENT };
  const referrer = await referrerOf(ctx, facts.requester);

  const linked = link?.localType === localTypes.episode ? await episodesRepo.findEpisode(db, ctx.clinicId, link.localId) : undefined;
  const episode = linked ?? (await openEpisodeOf(ctx, patient.localId));
  if (episode && episode.status === "open") {
    // The patient is already in care: the referral is recorded on that episode, not as a second one.
    return updateEpisode(ctx, resource, link, episode, {
      referralSourceId: referrer.referralSourceId ?? episode.referralSourceId,
      referringPhysician: referrer.referringPhysician ?? episode.referringPhysician,
    });
  }
  if (linked)
    return { result: "unchanged", local: { localType: localTypes.episode, localId: linked.id }, note: "its episode is already discharged" };
  const now = ctx.deps.clock.now();
  const written = facts.authoredOn ? toInstant(facts.authoredOn, ctx.clinicTimeZone) : null;
  return openEpisode(
    ctx,
    resource,
    link,
    patient.localId,
    {
      bodyRegion: facts.bodyRegion,
      diagnosis: facts.diagnosis,
      icd10Code: facts.icd10Code,
      ...referrer,
      startDate: facts.authoredOn ?? localDateIn(now, ctx.clinicTimeZone),
      visitsPrescribed: facts.plan.visitsPrescribed ?? DEFAULT_PLAN.visitsPrescribed,
      frequencyPerWeek: facts.plan.frequencyPerWeek ?? DEFAULT_PLAN.frequencyPerWeek,
      durationWeeks: facts.plan.durationWeeks ?? DEFAULT_PLAN.durationWeeks,
      goals: "",
    },
    written !== null && isHistory(written, now),
  );
};
