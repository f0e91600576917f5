import { desc } from "drizzle-orm";
import type { Clock } from "../platform/clock";
import type { Db } from "../platform/db";
import { newId } from "../platform/ids";
import type { MessagingPort } from "./port";
import { outboxMessages } from "./tables";

/** The default adapter: stores messages in D1 instead of sending them, so nothing leaves the machine. */
export function outboxAdapter(db: Db, clock: Clock): MessagingPort {
  return {
    name: "outbox",
    async send(message) {
      const id = newId(clock.now());
      await db.insert(outboxMessages).values({
        id,
        clinicId: message.clinicId,
        channel: message.channel,
        to: message.to,
        subject: message.subject ?? null,
        body: message.body,
        createdAt: clock.now(),
      });
      return { providerMessageId: id };
    },
  };
}

export function listOutbox(db: Db, limit = 200) {
  return db.select().from(outboxMessages).orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id)).limit(limit);
}
