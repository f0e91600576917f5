import { DurableObject } from "cloudflare:workers";

/**
 * One instance per patient (SQLite-backed). It will own the patient's engagement
 * state machine and timers; for now it exposes the read-only snapshot that lists never need.
 */
export class PatientJourney extends DurableObject<Env> {
  /** Read-only view of the journey: no state yet means the patient has no journey events. */
  async snapshot(): Promise<{ state: string | null }> {
    return { state: (await this.ctx.storage.get<string>("state")) ?? null };
  }
}
