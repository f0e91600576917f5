import type { Mapped } from "../fhir/common";
import { type LinkRow, linkOf } from "../links";
import type { ApplyContext, ApplyOutcome, FhirResource } from "./types";

export type Prelude<T> = { done: ApplyOutcome } | { done: null; facts: T; link: LinkRow | null };

/**
 * What every applier does first: take the pure mapper's verdict (invalid -> failed, skipped -> skipped),
 * then the version guard against the resource's link (an older or the same version changes nothing).
 */
export async function mappedAndNewer<T>(ctx: ApplyContext, resource: FhirResource, m: Mapped<T>): Promise<Prelude<T>> {
  if (m.kind === "invalid") return { done: { result: "failed", reason: m.reason } };
  if (m.kind === "skipped") return { done: { result: "skipped", note: m.note } };
  const { link, order } = await linkOf(ctx.deps.db, ctx, resource);
  if (link && order !== "newer") {
    return {
      done: {
        result: "unchanged",
        local: { localType: link.localType, localId: link.localId },
        note: order === "older" ? "older version" : "already applied",
      },
    };
  }
  return { done: null, facts: m.value, link };
}
