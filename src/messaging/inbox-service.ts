import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { staffUsers } from "../clinics/tables";
import { currentConsent } from "../patients/service";
import { consents, patients } from "../patients/tables";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import type { MessageRow } from "./repo";
import { type MessageOutcome, requestMessage } from "./service";
import { messages, messageThreads } from "./tables";

/** The shared inbox: one thread per patient, every message in and out, read marks, assignment. */

export type InboxFilter = "open" | "mine" | "done" | "all";
export type Channel = "sms" | "email";

const LIST_LIMIT = 200;
export const THREAD_MESSAGE_LIMIT = 200;

export interface LastMessage {
  body: string;
  channel: MessageRow["channel"];
  direction: "inbound" | "outbound";
  status: string;
}

/**
 * Threads newest first with the patient, the assignee and the last message (one correlated
 * subquery on the clinic/patient index), plus the clinic's unread total: three statements, in parallel.
 */
export async function listInbox(deps: Deps, actor: Actor, filter: InboxFilter) {
  const where: SQL[] = [eq(messageThreads.clinicId, actor.clinicId)];
  if (filter === "open" || filter === "mine") where.push(eq(messageThreads.status, "open"));
  if (filter === "done") where.push(eq(messageThreads.status, "done"));
  if (filter === "mine") where.push(eq(messageThreads.assigneeId, actor.actorId ?? ""));
  // A portal sign-in code is the patient's secret: the list shows that one went out, not its digits.
  const body = sql.raw("CASE WHEN m.purpose = 'portal_code' THEN 'Sign-in code (hidden)' ELSE m.body END");
  const last = sql<string | null>`(SELECT json_object('body', ${body}, 'channel', m.channel, 'direction', m.direction, 'status', m.status)
    FROM messages m WHERE m.clinic_id = ${messageThreads.clinicId} AND m.patient_id = ${messageThreads.patientId}
    ORDER BY m.created_at DESC, m.id DESC LIMIT 1)`;
  // Not one db.batch: D1 batch rows are keyed by column name, and the joined tables share names (id).
  const [rows, totals] = await Promise.all([
    deps.db
      .select({
        thread: messageThreads,
        patient: { id: patients.id, givenName: patients.givenName, familyName: patients.familyName },
        assigneeName: staffUsers.name,
        last,
      })
      .from(messageThreads)
      .innerJoin(patients, and(eq(patients.id, messageThreads.patientId), eq(patients.clinicId, messageThreads.clinicId)))
      .leftJoin(staffUsers, and(eq(staffUsers.id, messageThreads.assigneeId), eq(staffUsers.clinicId, messageThreads.clinicId)))
      .where(and(...where))
      .orderBy(desc(messageThreads.lastMessageAt), desc(messageThreads.id))
      .limit(LIST_LIMIT),
    deps.db
      .select({ unread: sql<number>`coalesce(sum(${messageThreads.unreadCount}), 0)` })
      .from(messageThreads)
      .where(eq(messageThreads.clinicId, actor.clinicId)),
    auditStatement(deps, actor, "inbox.list"),
  ]);
  return {
    threads: rows.map((r) => ({ ...r, last: r.last ? (JSON.parse(r.last) as LastMessage) : null })),
    unreadTotal: Number(totals[0]?.unread ?? 0),
    truncated: rows.length >= LIST_LIMIT,
  };
}

/** The clinic's unread total alone (for a page title elsewhere). */
export async function unreadTotal(deps: Deps, clinicId: string): Promise<number> {
  const row = await deps.db
    .select({ unread: sql<number>`coalesce(sum(${messageThreads.unreadCount}), 0)` })
    .from(messageThreads)
    .where(eq(messageThreads.clinicId, clinicId))
    .get();
  return Number(row?.unread ?? 0);
}

export interface ThreadData {
  patient: typeof patients.$inferSelect;
  thread: typeof messageThreads.$inferSelect | null;
  /** Oldest first, the newest THREAD_MESSAGE_LIMIT. */
  messages: MessageRow[];
  staff: { id: string; name: string; active: boolean }[];
  /** Channels a reply can use: consent granted and an address on file. */
  replyChannels: Channel[];
  consent: Record<Channel, "granted" | "revoked" | null>;
}

/** Everything the thread page shows, in one batch; undefined when the patient is not this clinic's. */
export async function loadThread(deps: Deps, clinicId: string, patientId: string): Promise<ThreadData | undefined> {
  const db = deps.db;
  const [patientRows, consentRows, threadRows, messageRows, staffRows] = await db.batch([
    db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId))),
    db
      .select()
      .from(consents)
      .where(and(eq(consents.clinicId, clinicId), eq(consents.patientId, patientId)))
      .orderBy(desc(consents.recordedAt), desc(consents.id)),
    db
      .select()
      .from(messageThreads)
      .where(and(eq(messageThreads.clinicId, clinicId), eq(messageThreads.patientId, patientId))),
    db
      .select()
      .from(messages)
      .where(and(eq(messages.clinicId, clinicId), eq(messages.patientId, patientId)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(THREAD_MESSAGE_LIMIT),
    db
      .select({ id: staffUsers.id, name: staffUsers.name, active: staffUsers.active })
      .from(staffUsers)
      .where(eq(staffUsers.clinicId, clinicId))
      .orderBy(asc(staffUsers.name)),
  ]);
  const patient = patientRows[0];
  if (!patient) return undefined;
  const consent = currentConsent(consentRows);
  const replyChannels = (["sms", "email"] as const).filter(
    (ch) => consent[ch] === "granted" && Boolean(ch === "sms" ? patient.phone : patient.email),
  );
  return { patient, thread: threadRows[0] ?? null, messages: messageRows.reverse(), staff: staffRows, replyChannels, consent };
}

/** Opening a thread: shows it, marks it read and records the view, for this clinic's patient only. */
export async function viewThread(deps: Deps, actor: Actor, patientId: string) {
  const data = await loadThread(deps, actor.clinicId, patientId);
  if (!data) return undefined;
  await deps.db.batch([
    deps.db
      .update(messageThreads)
      .set({ unreadCount: 0 })
      .where(and(eq(messageThreads.clinicId, actor.clinicId), eq(messageThreads.patientId, patientId))),
    auditStatement(deps, actor, "inbox.view", patientId),
  ]);
  const unreadBefore = data.thread?.unreadCount ?? 0;
  return { ...data, unreadBefore, thread: data.thread && { ...data.thread, unreadCount: 0 } };
}

/** Creates the thread if it does not exist yet (a staff-started conversation), else changes it. */
function upsertThread(deps: Deps, actor: Actor, patientId: string, set: Partial<typeof messageThreads.$inferInsert>) {
  const now = deps.clock.now();
  return deps.db
    .insert(messageThreads)
    .values({ id: newId(now), clinicId: actor.clinicId, patientId, status: "open", unreadCount: 0, lastMessageAt: now, ...set })
    .onConflictDoUpdate({ target: [messageThreads.clinicId, messageThreads.patientId], set });
}

export interface ReplyInput {
  channel: Channel;
  text: string;
  overrideQuietHours: boolean;
}

/**
 * A staff reply goes through the same pipeline as every message: consent is always enforced,
 * quiet hours only overridden when the box is ticked. The outcome says what happened.
 */
export async function replyToPatient(
  deps: Deps,
  actor: Actor,
  patientId: string,
  input: ReplyInput,
): Promise<Result<Exclude<MessageOutcome, { status: "no_patient" | "duplicate" }>, "not_found">> {
  const outcome = await requestMessage(deps, {
    clinicId: actor.clinicId,
    patientId,
    purpose: "staff_reply",
    category: "staff",
    channel: input.channel,
    text: input.text,
    overrideQuietHours: input.overrideQuietHours,
    sentBy: actor.actorId,
    dedupeKey: null,
  });
  if (outcome.status === "no_patient" || outcome.status === "duplicate") return err("not_found");
  await deps.db.batch([
    upsertThread(deps, actor, patientId, { lastMessageAt: deps.clock.now() }),
    auditStatement(deps, actor, "inbox.reply", patientId),
  ]);
  return ok(outcome);
}

async function patientOfClinic(deps: Deps, clinicId: string, patientId: string) {
  return deps.db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)))
    .get();
}

/** Assigns the thread to an active staff member of the clinic, or to nobody (null). */
export async function assignThread(
  deps: Deps,
  actor: Actor,
  patientId: string,
  assigneeId: string | null,
): Promise<Result<true, "not_found" | "invalid_assignee">> {
  const [patient, assignee] = await Promise.all([
    patientOfClinic(deps, actor.clinicId, patientId),
    assigneeId
      ? deps.db
          .select({ active: staffUsers.active })
          .from(staffUsers)
          .where(and(eq(staffUsers.clinicId, actor.clinicId), eq(staffUsers.id, assigneeId)))
          .get()
      : Promise.resolve({ active: true }),
  ]);
  if (!patient) return err("not_found");
  if (!assignee?.active) return err("invalid_assignee");
  await deps.db.batch([
    upsertThread(deps, actor, patientId, { assigneeId }),
    auditStatement(deps, actor, assigneeId ? "inbox.assign" : "inbox.unassign", patientId),
  ]);
  return ok(true);
}

/** Mark done / reopen. A new text from the patient reopens a done thread by itself. */
export async function setThreadStatus(
  deps: Deps,
  actor: Actor,
  patientId: string,
  status: "open" | "done",
): Promise<Result<true, "not_found">> {
  if (!(await patientOfClinic(deps, actor.clinicId, patientId))) return err("not_found");
  await deps.db.batch([
    upsertThread(deps, actor, patientId, { status }),
    auditStatement(deps, actor, status === "done" ? "inbox.done" : "inbox.reopen", patientId),
  ]);
  return ok(true);
}
