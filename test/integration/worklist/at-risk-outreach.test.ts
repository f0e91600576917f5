import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localDateIn } from "../../../src/clinics/model";
import { DAY } from "../../../src/platform/clock";
import { newId } from "../../../src/platform/ids";
import { auditEvents, domainEvents, messages, riskOutreach, tasks } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { htmx, outreachClinic, outreachOf, revokeSms, scoredEpisode, visit, writesOf } from "./at-risk-fixture";

const TZ = "America/New_York";
const BACK = "/worklist?view=at-risk";

describe("at-risk outreach", () => {
  it("one click writes the task (with its audit row and event), the outreach and a personalised message", async () => {
    const s = await outreachClinic();
    const res = await s.desk.post(`/worklist/at-risk/${s.episodeId}/outreach`, { back: BACK });
    expect([res.status, res.headers.get("location")]).toEqual([303, BACK]);

    const [outreach] = await outreachOf(s.clinic.id);
    expect(outreach).toMatchObject({ patientId: s.patient.id, episodeId: s.episodeId, score: 0.74, outcome: null, returnedAt: null });
    expect(outreach?.startedBy).toBe(s.clinic.staff.front_desk.id);
    const task = await db()
      .select()
      .from(tasks)
      .where(eq(tasks.id, outreach?.taskId ?? ""))
      .get();
    expect(task).toMatchObject({
      clinicId: s.clinic.id,
      type: "at_risk_outreach",
      patientId: s.patient.id,
      status: "open",
      assigneeId: s.clinic.staff.front_desk.id,
      dueDate: localDateIn(Date.now(), TZ),
    });
    expect(task?.title).toContain("74%");
    expect(task?.title).toContain("missed 2 of the last 3 visits");
    const message = await db()
      .select()
      .from(messages)
      .where(eq(messages.id, outreach?.messageId ?? ""))
      .get();
    expect(message).toMatchObject({ clinicId: s.clinic.id, patientId: s.patient.id, purpose: "at_risk_outreach", direction: "outbound" });
    expect(["queued", "scheduled"]).toContain(message?.status);
    expect(message?.body).toContain("Rosa");
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.clinicId, s.clinic.id)).all();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["task.create", "risk_outreach.start"]));
    const events = await db().select().from(domainEvents).where(eq(domainEvents.clinicId, s.clinic.id)).all();
    expect(events.map((e) => [e.type, JSON.parse(e.payload).taskId])).toEqual([["task.created", task?.id]]);

    const page = await (await s.desk.get(BACK)).text();
    expect(page).toContain("message sent");
    expect(page).toContain("Record outcome");
    expect(page).toMatch(/<strong>1<\/strong> started: 0 reached, 0 rebooked, 0 no answer, 0 declined, 1 waiting/);
    // The task is on the task list too.
    expect(await (await s.desk.get("/worklist?type=at_risk_outreach")).text()).toContain("Rosa Díaz");
  });

  it("without consent the outreach starts but the message is not sent, and the row says why", async () => {
    const s = await outreachClinic();
    await revokeSms(s.clinic.id, s.patient.id);
    const res = await s.desk.post(`/worklist/at-risk/${s.episodeId}/outreach`, { back: BACK }, htmx);
    expect(res.status).toBe(200);
    const row = await res.text();
    expect(row).toMatch(/^<tr id="risk-/);
    expect(row).toContain("message not sent: no consent for this channel");
    const [outreach] = await outreachOf(s.clinic.id);
    expect(outreach?.messageId).toBeNull();
    expect(outreach?.taskId).toBeTruthy();
    const stored = await db().select().from(messages).where(eq(messages.clinicId, s.clinic.id)).all();
    expect(stored.map((m) => [m.status, m.suppressedReason])).toEqual([["suppressed", "no consent for this channel"]]);
    // And it stays visible after a reload.
    expect(await (await s.desk.get(BACK)).text()).toContain("message not sent: no consent for this channel");
  });

  it("a second start while an outreach has no outcome answers 409 with a clear message, and writes nothing", async () => {
    const s = await outreachClinic();
    expect((await s.desk.post(`/worklist/at-risk/${s.episodeId}/outreach`, { back: BACK })).status).toBe(303);
    const before = await writesOf(s.clinic.id);
    const plain = await s.desk.post(`/worklist/at-risk/${s.episodeId}/outreach`, { back: BACK });
    expect(plain.status).toBe(409);
    const page = await plain.text();
    expect(page).toContain("<html");
    expect(page).toContain("already under way");
    const swapped = await s.desk.post(`/worklist/at-risk/${s.episodeId}/outreach`, { back: BACK }, htmx);
    expect(swapped.status).toBe(409);
    expect(await swapped.text()).toMatch(/^<tr id="risk-[\s\S]*already under way/);
    expect(await writesOf(s.clinic.id)).toEqual(before);
  });

  it("records the outcome once (422 for an unknown one, 404 for another clinic's), closes the task, and allows a new outreach", async () => {
    const s = await outreachClinic();
    await s.desk.post(`/worklist/at-risk/${s.episodeId}/outreach`, { back: BACK });
    const [outreach] = await outreachOf(s.clinic.id);
    const path = `/worklist/at-risk/outreach/${outreach?.id}/outcome`;

    const before = await writesOf(s.clinic.id);
    const bad = await s.desk.post(path, { outcome: "maybe", back: BACK }, htmx);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Choose what came of the outreach");
    expect((await s.desk.post(path, { back: BACK })).status).toBe(422);
    expect(await writesOf(s.clinic.id)).toEqual(before);

    const other = await makeClinic("Outcome Intruder");
    const intruder = await signIn(other.staff.owner.email);
    for (const init of [{}, htmx]) expect((await intruder.post(path, { outcome: "reached", back: BACK }, init)).status).toBe(404);
    expect((await s.desk.post("/worklist/at-risk/outreach/no-such-id/outcome", { outcome: "reached" })).status).toBe(404);
    expect(await writesOf(s.clinic.id)).toEqual(before);

    const done = await s.desk.post(path, { outcome: "no_answer", back: BACK }, htmx);
    expect(done.status).toBe(200);
    const row = await done.text();
    expect(row).toContain("Outcome: no answer");
    expect(row).toContain("Start outreach");
    const [recorded] = await outreachOf(s.clinic.id);
    expect(recorded?.outcome).toBe("no_answer");
    expect(recorded?.outcomeAt).toBeGreaterThan(0);
    const task = await db()
      .select()
      .from(tasks)
      .where(eq(tasks.id, recorded?.taskId ?? ""))
      .get();
    expect([task?.status, task?.outcomeNote]).toEqual(["done", "Outreach: no answer"]);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, s.clinic.id), eq(auditEvents.action, "risk_outreach.no_answer")))
      .all();
    expect(audit.map((a) => a.patientId)).toEqual([s.patient.id]);

    const again = await s.desk.post(path, { outcome: "reached", back: BACK });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already recorded");
    expect((await outreachOf(s.clinic.id))[0]?.outcome).toBe("no_answer");
    // With the first one closed, a new outreach may start.
    expect((await s.desk.post(`/worklist/at-risk/${s.episodeId}/outreach`, { back: BACK })).status).toBe(303);
    expect(await outreachOf(s.clinic.id)).toHaveLength(2);
  });

  it("measures who came back: the first attended visit after the outreach started, in one update for the clinic", async () => {
    const s = await outreachClinic();
    const second = await makePatient(s.clinic.id, { givenName: "Quiet", familyName: "One" });
    const secondEpisode = await scoredEpisode(s.clinic.id, second.id, 0.5, "medium");
    const startedAt = Date.now() - 6 * DAY;
    const insert = (patientId: string, episodeId: string) => {
      const id = newId();
      return db()
        .insert(riskOutreach)
        .values({
          id,
          clinicId: s.clinic.id,
          patientId,
          episodeId,
          score: 0.7,
          startedBy: s.clinic.staff.owner.id,
          startedAt,
          outcome: "reached",
          outcomeAt: startedAt + 1000,
        })
        .then(() => id);
    };
    const cameBack = await insert(s.patient.id, s.episodeId);
    const stayedAway = await insert(second.id, secondEpisode);
    // Before the outreach (does not count), a cancellation after it (does not count), then two attended visits.
    await visit(s.clinic, s.patient.id, s.episodeId, startedAt - DAY, "attended");
    await visit(s.clinic, s.patient.id, s.episodeId, startedAt + DAY, "cancelled");
    const firstBack = startedAt + 2 * DAY;
    await visit(s.clinic, s.patient.id, s.episodeId, firstBack, "attended");
    await visit(s.clinic, s.patient.id, s.episodeId, startedAt + 4 * DAY, "attended");
    await visit(s.clinic, second.id, secondEpisode, startedAt - 2 * DAY, "attended");

    const html = await (await s.desk.get(BACK)).text();
    const byId = new Map((await outreachOf(s.clinic.id)).map((o) => [o.id, o.returnedAt]));
    expect(byId.get(cameBack)).toBe(firstBack);
    expect(byId.get(stayedAway)).toBeNull();
    expect(html).toContain(`came back ${localDateIn(firstBack, TZ)}`);
    expect(html).toMatch(/<strong>2<\/strong> started: 2 reached, .*<strong>1<\/strong> came back for a visit/);
  });
});
