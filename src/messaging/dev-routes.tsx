import { Hono } from "hono";
import { OutboxPage } from "../../templates/dev/outbox.page";
import type { AppEnv } from "../platform/env";
import { listOutbox } from "./outbox";

/** /dev/outbox: the local provider's mailbox. Mounted only when APP_ENV is development. */
export const outboxRoutes = new Hono<AppEnv>();

outboxRoutes.get("/outbox.json", async (c) => {
  const rows = await listOutbox(c.get("deps").db);
  return c.json(
    rows.map((m) => ({
      id: m.id,
      channel: m.channel,
      to: m.to,
      subject: m.subject,
      body: m.body,
      created_at: new Date(m.createdAt).toISOString(),
    })),
  );
});

outboxRoutes.get("/outbox", async (c) => {
  const rows = await listOutbox(c.get("deps").db);
  return c.html(
    <OutboxPage messages={rows.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString().slice(0, 19).replace("T", " ") }))} />,
  );
});
