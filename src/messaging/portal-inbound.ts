import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { localDateIn } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import { commitWithEvents } from "../events/publish";
import { type Actor, auditStatement } from "../platform/audit";
import { guard, isGuardFailure } from "../platform/db";
import type { Deps } from "../platform/env";
import { newId, sha256Hex } from "../platform/ids";
import { insertRuleTask } from "../worklist/repo";
import { classifyReply } from "./intent";
import { threadReceived } from "./repo";
import { messages } from "./tables";

export const PORTAL_MESSAGE_MAX = 1000;

const painCallBack = (deps: Deps, clinicId: string, patientId: string, messageId: string, now: number, zone: string) =>
  insertRuleTask(deps.db, {
    id: newId(now),
    clinicId,
    patientId,
    type: "message_follow_up",
    title: "Patient wrote about pain or a flare in the portal: call back",
    dueDate: localDateIn(now, zone),
    status: "open",
    ruleKey: `pain:${messageId}`,
    createdBy: "inbound",
    createdAt: now,
  });

/**
 * A message the patient wrote on their portal page. It lands in the staff inbox exactly like an
 * inbound text (thread opened or reopened, one more unread, message.received for the journey),
 * stored with channel "portal". Nothing is sent, and no keyword acts on it: the patient changes
 * consent on the preferences page. The same text twice within a minute (a double tap) is stored once.
 */
export async function receivePortalMessage(deps: Deps, actor: Actor, text: string): Promise<{ status: "stored" | "duplicate" }> {
  const patientId = actor.actorId;
  if (actor.actorType !== "patient" || !patientId) throw new Error("portal messages come from the patient");
  const now = deps.clock.now();
  const id = newId(now);
  const intent = classifyReply(text);
  const clinicZone = (await findClinic(deps.db, actor.clinicId))?.timeZone ?? "UTC";
  const dedupeKey = `portal:${await sha256Hex(`${patientId}\n${text}`)}:${Math.floor(now / 60_000)}`;
  try {
    await commitWithEvents(
      deps,
      actor,
      [
        deps.db
          .insert(messages)
          .values({
            id,
            clinicId: actor.clinicId,
            patientId,
            direction: "inbound",
            channel: "portal",
            category: "staff",
            dedupeKey,
            toAddress: "portal",
            body: text,
            status: "received",
            sendAt: now,
            intent,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: [messages.clinicId, messages.dedupeKey] }),
        // A duplicate inserted nothing: this fails the batch so the thread and the event are not repeated.
        guard(sql`EXISTS (SELECT 1 FROM ${messages} WHERE id = ${id})`),
        threadReceived(deps.db, actor.clinicId, patientId, now),
        auditStatement(deps, actor, "portal.message", patientId),
        // Pain or a flare written here gets the same call-back task as when it is texted.
        ...(intent === "pain" ? [painCallBack(deps, actor.clinicId, patientId, id, now, clinicZone)] : []),
      ],
      [{ type: "message.received", patientId, payload: { messageId: id, intent, channel: "portal" } }],
    );
  } catch (error) {
    if (isGuardFailure(error)) return { status: "duplicate" };
    throw error;
  }
  return { status: "stored" };
}

/**
 * The conversation as the patient sees it: what they wrote and what actually reached them
 * (messages not sent, cancelled or still waiting are the clinic's business). Oldest first.
 */
export async function patientConversation(deps: Deps, clinicId: string, patientId: string, limit = 100) {
  const rows = await deps.db
    .select({
      id: messages.id,
      direction: messages.direction,
      channel: messages.channel,
      subject: messages.subject,
      body: messages.body,
      createdAt: messages.createdAt,
      sendAt: messages.sendAt,
    })
    .from(messages)
    .where(
      and(eq(messages.clinicId, clinicId), eq(messages.patientId, patientId), inArray(messages.status, ["sent", "delivered", "received"])),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.reverse();
}
