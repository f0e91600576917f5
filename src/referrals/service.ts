import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import * as repo from "./repo";
import type { referralSourceKinds } from "./tables";

export interface ReferralSourceInput {
  name: string;
  kind: (typeof referralSourceKinds)[number];
  npi: string | null;
  practice: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
}

export async function addReferralSource(deps: Deps, actor: Actor, input: ReferralSourceInput): Promise<string> {
  const now = deps.clock.now();
  const id = newId(now);
  await deps.db.batch([
    repo.insertReferralSource(deps.db, { id, clinicId: actor.clinicId, ...input, createdAt: now }),
    auditStatement(deps, actor, "referral_source.create"),
  ]);
  return id;
}

export async function updateReferralSource(deps: Deps, actor: Actor, id: string, input: ReferralSourceInput): Promise<boolean> {
  if (!(await repo.findReferralSource(deps.db, actor.clinicId, id))) return false;
  await deps.db.batch([
    repo.updateReferralSourceRow(deps.db, actor.clinicId, id, input),
    auditStatement(deps, actor, "referral_source.update"),
  ]);
  return true;
}

/** Every source with referred / converted / completed counts (two statements in all). */
export async function referralSourcesWithStats(deps: Deps, clinicId: string) {
  const [sources, stats] = await Promise.all([repo.listReferralSources(deps.db, clinicId), repo.referralStats(deps.db, clinicId)]);
  const bySource = new Map(stats.map((s) => [s.sourceId, s]));
  return sources.map((source) => {
    const s = bySource.get(source.id);
    return { source, referred: Number(s?.referred ?? 0), converted: Number(s?.converted ?? 0), completed: Number(s?.completed ?? 0) };
  });
}

export const getReferralSource = (deps: Deps, clinicId: string, id: string) => repo.findReferralSource(deps.db, clinicId, id);
export const listReferralSources = (deps: Deps, clinicId: string) => repo.listReferralSources(deps.db, clinicId);
