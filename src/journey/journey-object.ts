import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { parseBusinessHours } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import { findPatient } from "../patients/repo";
import type { Clock } from "../platform/clock";
import { makeDeps } from "../platform/deps";
import type { Deps } from "../platform/env";
import { type StoredState, withCareDefaults } from "./care-timers";
import { runEffect, writeProjection } from "./effects";
import { journeyEventSchema } from "./events";
import { type Effect, initialState, type JourneyState, nextTouch, stages, transition } from "./machine";
import { parseCarePolicy, parseJourneyPolicy } from "./policy";

const dispatchSchema = z.object({
  clinicId: z.string().min(1).max(80),
  patientId: z.string().min(1).max(80),
  event: journeyEventSchema,
});
export type DispatchInput = z.input<typeof dispatchSchema>;

/** RPC results are plain data: rejections travel as values (RPC drops custom error fields). */
export type DispatchResult =
  | { outcome: "applied"; stage: JourneyState["stage"] }
  | { outcome: "duplicate" | "ignored" | "rejected" | "invalid"; reason: string };

export interface JourneySnapshot {
  clinicId: string | null;
  patientId: string | null;
  state: JourneyState | null;
  timers: { key: string; at: number }[];
  recent: { eventId: string; type: string; at: number; outcome: string; reason: string | null }[];
}

const RETRY_EFFECTS_MS = 30_000;

/**
 * One per patient. dispatch(): validate, skip seen event ids, run the pure machine, commit state +
 * event log + timers + pending effects in one storage transaction, then run the effects and arm
 * the single alarm at the earliest timer. alarm(): due timers become events through dispatch.
 */
export class PatientJourney extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS seen (event_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, type TEXT NOT NULL,
          at INTEGER NOT NULL, outcome TEXT NOT NULL, reason TEXT);
        CREATE TABLE IF NOT EXISTS timers (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS timers_at ON timers (at);
        CREATE TABLE IF NOT EXISTS pending_effects (seq INTEGER PRIMARY KEY AUTOINCREMENT, effect TEXT NOT NULL);`);
    });
  }

  /** Tests set this through runInDurableObject (never over RPC) to fire timers at chosen instants. */
  clockOverride: Clock | null = null;

  private deps(): Deps {
    return makeDeps(this.env, this.clockOverride ? { clock: this.clockOverride } : {});
  }

  /** Applies one event to this patient's journey. Constant work: no scan of the event log. */
  async dispatch(input: DispatchInput): Promise<DispatchResult> {
    const parsed = dispatchSchema.safeParse(input);
    if (!parsed.success) return { outcome: "invalid", reason: parsed.error.issues[0]?.message ?? "invalid event" };
    const { clinicId, patientId, event } = parsed.data;
    const identity = this.meta<{ clinicId: string; patientId: string }>("identity");
    if (identity && (identity.clinicId !== clinicId || identity.patientId !== patientId)) {
      return { outcome: "rejected", reason: "event for another patient" };
    }
    if (this.sql.exec("SELECT 1 FROM seen WHERE event_id = ?", event.eventId).toArray().length > 0) {
      return { outcome: "duplicate", reason: "event already applied" };
    }
    const deps = this.deps();
    if (!identity && !(await findPatient(deps.db, clinicId, patientId))) return { outcome: "rejected", reason: "unknown patient" };
    const clinic = await findClinic(deps.db, clinicId);
    if (!clinic) return { outcome: "rejected", reason: "unknown clinic" };

    const now = deps.clock.now();
    const stored = this.meta<StoredState>("state");
    const state = stored ? withCareDefaults(stored, now, clinic.timeZone) : initialState(now);
    const settings = (safeJson(clinic.settings) ?? {}) as { journey?: unknown; care?: unknown };
    const decision = transition(state, event, {
      now,
      policy: parseJourneyPolicy(settings.journey),
      care: parseCarePolicy(settings.care),
      timeZone: clinic.timeZone,
      businessHours: parseBusinessHours(clinic.businessHours),
    });

    this.ctx.storage.transactionSync(() => {
      this.sql.exec("INSERT INTO seen (event_id, at) VALUES (?, ?)", event.eventId, now);
      this.sql.exec(
        "INSERT INTO log (event_id, type, at, outcome, reason) VALUES (?, ?, ?, ?, ?)",
        event.eventId,
        event.type,
        now,
        decision.outcome,
        decision.outcome === "applied" ? null : decision.reason,
      );
      if (!identity) this.setMeta("identity", { clinicId, patientId });
      if (decision.outcome !== "applied") return;
      this.setMeta("state", decision.state);
      this.setMeta("version", (this.meta<number>("version") ?? 0) + 1);
      for (const effect of decision.effects) this.applyStorageEffect(effect);
    });

    await this.runPendingEffects(deps);
    await this.armAlarm(now);
    return decision.outcome === "applied"
      ? { outcome: "applied", stage: decision.state.stage }
      : { outcome: decision.outcome, reason: decision.reason };
  }

  /** Due timers become timer.fired events, through the same dispatch path; failed effects are retried. */
  override async alarm(): Promise<void> {
    const identity = this.meta<{ clinicId: string; patientId: string }>("identity");
    const deps = this.deps();
    const now = deps.clock.now();
    if (identity) {
      const due = this.sql.exec<{ key: string; at: number }>("SELECT key, at FROM timers WHERE at <= ? ORDER BY at", now).toArray();
      for (const timer of due) {
        this.sql.exec("DELETE FROM timers WHERE key = ? AND at = ?", timer.key, timer.at);
        await this.dispatch({
          ...identity,
          event: { type: "timer.fired", key: timer.key, eventId: `timer:${timer.key}:${timer.at}`, occurredAt: now },
        });
      }
    }
    await this.runPendingEffects(deps);
    await this.armAlarm(now);
  }

  /** Read-only view for staff pages and tests. */
  async snapshot(): Promise<JourneySnapshot> {
    const identity = this.meta<{ clinicId: string; patientId: string }>("identity");
    return {
      clinicId: identity?.clinicId ?? null,
      patientId: identity?.patientId ?? null,
      state: this.meta<JourneyState>("state"),
      timers: this.sql.exec<{ key: string; at: number }>("SELECT key, at FROM timers ORDER BY at").toArray(),
      recent: this.sql
        .exec<{ event_id: string; type: string; at: number; outcome: string; reason: string | null }>(
          "SELECT event_id, type, at, outcome, reason FROM log ORDER BY seq DESC LIMIT 20",
        )
        .toArray()
        .map((r) => ({ eventId: r.event_id, type: r.type, at: r.at, outcome: r.outcome, reason: r.reason })),
    };
  }

  private applyStorageEffect(effect: Effect) {
    switch (effect.kind) {
      case "set_timer":
        this.sql.exec("INSERT INTO timers (key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET at = excluded.at", effect.key, effect.at);
        return;
      case "cancel_timer":
        this.sql.exec("DELETE FROM timers WHERE key = ?", effect.key);
        return;
      case "cancel_timers":
        this.sql.exec("DELETE FROM timers WHERE substr(key, 1, ?) = ?", effect.prefix.length, effect.prefix);
        return;
      default:
        // Effects outside storage run after the commit; kept here so a crash cannot lose them.
        this.sql.exec("INSERT INTO pending_effects (effect) VALUES (?)", JSON.stringify(effect));
    }
  }

  private async runPendingEffects(deps: Deps) {
    const identity = this.meta<{ clinicId: string; patientId: string }>("identity");
    const state = this.meta<JourneyState>("state");
    if (!identity || !state) return;
    const pending = this.sql.exec<{ seq: number; effect: string }>("SELECT seq, effect FROM pending_effects ORDER BY seq").toArray();
    let projected = false;
    for (const row of pending) {
      const effect = JSON.parse(row.effect) as Effect;
      // One projection per batch is enough: it writes the latest state.
      if (effect.kind === "write_projection" && projected) {
        this.sql.exec("DELETE FROM pending_effects WHERE seq = ?", row.seq);
        continue;
      }
      try {
        const result = await runEffect(deps, this.scope(identity, state), effect);
        if (result.contacted) {
          this.setMeta("lastContactAt", deps.clock.now());
          await writeProjection(deps, this.scope(identity, state));
        }
        if (effect.kind === "write_projection") projected = true;
        this.sql.exec("DELETE FROM pending_effects WHERE seq = ?", row.seq);
      } catch (error) {
        deps.logger.error("journey.effect_failed", { clinicId: identity.clinicId, patientId: identity.patientId, error });
        return; // keep the rest; the alarm retries shortly
      }
    }
  }

  private scope(identity: { clinicId: string; patientId: string }, state: JourneyState) {
    const timers = this.sql.exec<{ at: number }>("SELECT at FROM timers").toArray();
    return {
      ...identity,
      state,
      version: this.meta<number>("version") ?? 0,
      nextTouchAt: nextTouch(timers),
      lastContactAt: this.meta<number>("lastContactAt"),
    };
  }

  private async armAlarm(now: number) {
    const next = this.sql.exec<{ at: number | null }>("SELECT min(at) AS at FROM timers").one().at;
    const pending = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM pending_effects").one().n;
    const at = pending > 0 ? Math.min(next ?? Number.POSITIVE_INFINITY, now + RETRY_EFFECTS_MS) : next;
    if (at === null || at === Number.POSITIVE_INFINITY) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.max(at, now));
  }

  private meta<T>(key: string): T | null {
    const row = this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", key).toArray()[0];
    return row ? (JSON.parse(row.v) as T) : null;
  }

  private setMeta(key: string, value: unknown) {
    this.sql.exec("INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", key, JSON.stringify(value));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

export const journeyStages = stages;
