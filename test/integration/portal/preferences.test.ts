import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handleInboundSms } from "../../../src/messaging/inbound";
import { requestMessage } from "../../../src/messaging/service";
import { newId } from "../../../src/platform/ids";
import { clinics, consents, domainEvents, messages, patients } from "../../../src/platform/schema";
import { testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient, uniqueNumber } from "../../helpers/factories";
import { openPortal } from "../../helpers/portal";

const latestConsent = (patientId: string, channel: "sms" | "email") =>
  db()
    .select()
    .from(consents)
    .where(and(eq(consents.patientId, patientId), eq(consents.channel, channel)))
    .orderBy(desc(consents.recordedAt), desc(consents.id))
    .get();
const eventsOf = (patientId: string, type: string) =>
  db()
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.patientId, patientId), eq(domainEvents.type, type)))
    .all();
const patientRow = (id: string) => db().select().from(patients).where(eq(patients.id, id)).get();

async function grantEmail(clinicId: string, patientId: string) {
  await db()
    .insert(consents)
    .values({ id: newId(), clinicId, patientId, channel: "email", status: "granted", source: "staff", recordedAt: Date.now() - 1000 });
}

/** An automated text waiting to go: opting out must cancel it. */
async function pendingText(clinicId: string, patientId: string) {
  const id = newId();
  const now = Date.now();
  await db()
    .insert(messages)
    .values({
      id,
      clinicId,
      patientId,
      direction: "outbound",
      channel: "sms",
      category: "automated",
      toAddress: "+1",
      body: "Hi",
      status: "scheduled",
      sendAt: now + 3_600_000,
      createdAt: now,
      updatedAt: now,
    });
  return () => db().select().from(messages).where(eq(messages.id, id)).get();
}

describe("portal preferences", () => {
  it("opting out of texts changes consent exactly as STOP does (row, cancelled messages, event), with source patient", async () => {
    const clinic = await makeClinic();
    const smsNumber = uniqueNumber();
    await db().update(clinics).set({ smsNumber }).where(eq(clinics.id, clinic.id));
    const texter = await makePatient(clinic.id, { phone: uniqueNumber("617") });
    const clicker = await makePatient(clinic.id, { phone: uniqueNumber("617") });
    const texterPending = await pendingText(clinic.id, texter.id);
    const clickerPending = await pendingText(clinic.id, clicker.id);

    const { deps } = testDeps(Date.now());
    const stop = await handleInboundSms(deps, { messageSid: `SM${newId()}`, from: texter.phone ?? "", to: smsNumber, body: "STOP" });
    expect(stop).toMatchObject({ status: "handled", action: "opted_out" });

    const phone = await openPortal({ clinicId: clinic.id, patientId: clicker.id });
    const page = await (await phone.get("/portal/preferences")).text();
    expect(page).toContain("You receive text messages from us.");
    const res = await phone.post("/portal/preferences", { field: "consent", channel: "sms", status: "revoked" });
    expect(res.status).toBe(303);

    const [byText, byPortal] = await Promise.all([latestConsent(texter.id, "sms"), latestConsent(clicker.id, "sms")]);
    // Same row but for who and when, and the source.
    const normal = (row: typeof byText) => ({ ...row, id: "", patientId: "", recordedAt: 0, source: "" });
    expect(normal(byPortal)).toEqual(normal(byText));
    expect(byText).toMatchObject({ status: "revoked", source: "sms_keyword", recordedBy: null });
    expect(byPortal).toMatchObject({ status: "revoked", source: "patient", recordedBy: null });

    const [textEvents, portalEvents] = await Promise.all([eventsOf(texter.id, "consent.changed"), eventsOf(clicker.id, "consent.changed")]);
    expect(textEvents).toHaveLength(1);
    expect(portalEvents).toHaveLength(1);
    const payload = (e: (typeof textEvents)[number] | undefined) => JSON.parse(e?.payload ?? "{}") as Record<string, unknown>;
    expect(payload(textEvents[0])).toEqual({ channel: "sms", status: "revoked", source: "sms_keyword" });
    expect(payload(portalEvents[0])).toEqual({ ...payload(textEvents[0]), source: "patient" });
    for (const e of [textEvents[0], portalEvents[0]]) {
      expect(e).toMatchObject({ actorType: "patient" });
      expect(e?.deliveredAt).not.toBeNull(); // the journey heard it
    }
    expect(await texterPending()).toMatchObject({ status: "cancelled", suppressedReason: "patient opted out" });
    expect(await clickerPending()).toMatchObject({ status: "cancelled", suppressedReason: "patient opted out" });

    const after = await (await phone.get("/portal/preferences?saved=1")).text();
    expect(after).toContain("You do not receive text messages from us.");
    expect(after).toContain("Your preferences were saved.");
    // Opting back in: a new granted row, nothing rewritten.
    await phone.post("/portal/preferences", { field: "consent", channel: "sms", status: "granted" });
    expect(await latestConsent(clicker.id, "sms")).toMatchObject({ status: "granted", source: "patient" });
    expect(await eventsOf(clicker.id, "consent.changed")).toHaveLength(2);
  });

  it("the preferred channel decides how requestMessage sends, while consent allows it", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    await grantEmail(clinic.id, patient.id);
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id });
    const send = async () => {
      const { deps } = testDeps(Date.parse("2026-11-19T17:00:00Z"));
      const out = await requestMessage(deps, {
        clinicId: clinic.id,
        patientId: patient.id,
        purpose: "help",
        category: "transactional",
        dedupeKey: `test:${newId()}`,
      });
      if (!("messageId" in out)) throw new Error(out.status);
      return (await db().select().from(messages).where(eq(messages.id, out.messageId)).get())?.channel;
    };
    expect(await send()).toBe("sms");

    expect((await phone.post("/portal/preferences", { field: "channel", channel: "email" })).status).toBe(303);
    expect((await patientRow(patient.id))?.preferredChannel).toBe("email");
    const changed = await eventsOf(patient.id, "preferences.changed");
    expect(changed.map((e) => JSON.parse(e.payload))).toEqual([{ field: "preferredChannel", value: "email" }]);
    expect(await send()).toBe("email");

    // Emails stopped: back to texts, though email stays the stated preference.
    await phone.post("/portal/preferences", { field: "consent", channel: "email", status: "revoked" });
    expect(await send()).toBe("sms");
    expect((await patientRow(patient.id))?.preferredChannel).toBe("email");
  });

  it("switching language saves it and the page answers in the new language", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id });
    const res = await phone.post("/portal/preferences", { field: "language", language: "es" });
    expect(res.status).toBe(303);
    expect((await patientRow(patient.id))?.preferredLanguage).toBe("es");
    const html = await (await phone.get("/portal/preferences?saved=1")).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("<h1>Preferencias</h1>");
    expect(html).toContain("Se guardaron sus preferencias.");
    expect((await eventsOf(patient.id, "preferences.changed")).map((e) => JSON.parse(e.payload))).toEqual([
      { field: "preferredLanguage", value: "es" },
    ]);
    // Saving the same language again writes nothing.
    await phone.post("/portal/preferences", { field: "language", language: "es" });
    expect(await eventsOf(patient.id, "preferences.changed")).toHaveLength(1);
  });

  it("offers only channels with an address; anything else is refused with 422 and nothing written", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id, { email: null, preferredLanguage: "es" });
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id });
    const page = await (await phone.get("/portal/preferences")).text();
    expect(page).toContain("Mensaje de texto al +16175550111");
    expect(page).not.toContain("Correo electrónico a");
    expect(page).toContain("<legend>Idioma</legend>");
    const refused: Record<string, string>[] = [
      { field: "channel", channel: "email" },
      { field: "consent", channel: "email", status: "granted" },
      { field: "channel", channel: "fax" },
      { field: "language", language: "fr" },
      { field: "colour", value: "blue" },
      {},
    ];
    for (const form of refused) {
      const res = await phone.post("/portal/preferences", form);
      expect(res.status, JSON.stringify(form)).toBe(422);
      expect(await res.text()).toContain("Elija una de las opciones que se muestran.");
    }
    expect(await patientRow(patient.id)).toMatchObject({ preferredChannel: null, preferredLanguage: "es" });
    expect(await latestConsent(patient.id, "email")).toBeUndefined();
    expect(await eventsOf(patient.id, "preferences.changed")).toHaveLength(0);
  });

  it("needs the device check", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    const res = await phone.post("/portal/preferences", { field: "consent", channel: "sms", status: "revoked" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/portal\/verify/);
    expect(await latestConsent(patient.id, "sms")).toMatchObject({ status: "granted" });
  });
});
