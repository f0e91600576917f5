import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { parseJourneyPolicy } from "../../../src/journey/policy";
import { defaultTemplates } from "../../../src/messaging/default-templates";
import { parseDeliveryPolicy } from "../../../src/messaging/policy";
import { requestMessage } from "../../../src/messaging/service";
import { templateProblems, templatePurposes } from "../../../src/messaging/template-service";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import type { OutboundEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { auditEvents, clinics, consents, messages, messageTemplates } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { type Browser, env, fetchApp, signIn } from "../../helpers/http";

const NOON_NY = Date.parse("2026-11-19T17:00:00Z");
const HTMX = { headers: { "hx-request": "true" } };
const digits = () => String(Math.floor(Math.random() * 9000) + 1000);

async function setup() {
  const clinic = await makeClinic(`Riverside PT ${digits()}`);
  const owner = await signIn(clinic.staff.owner.email);
  return { clinic, owner };
}

const overridesOf = (clinicId: string) => db().select().from(messageTemplates).where(eq(messageTemplates.clinicId, clinicId)).all();
const settingsOf = async (clinicId: string) =>
  JSON.parse((await db().select().from(clinics).where(eq(clinics.id, clinicId)).get())?.settings ?? "null") as Record<string, unknown>;

/** Message requests on a fixed noon, with a queue that only records. */
function pipeline() {
  const queue = { send: async () => {}, sendBatch: async () => {} } as unknown as Queue<OutboundEnvelope>;
  return makeDeps(env, { clock: fixedClock(NOON_NY), queues: queuesWith({ outbound: queue }) });
}

const save = (b: Browser, path: string, form: Record<string, string>) => b.post(`/settings/messages/${path}`, form);

describe("Settings -> Messages: templates", () => {
  it("lists every purpose in English and Spanish, by SMS and email, for owners and admins only", async () => {
    const t = await setup();
    const res = await t.owner.get("/settings/messages");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Visit reminder");
    expect(html).toContain("Staff reply");
    expect(html.match(/>Edit</g)).toHaveLength(templatePurposes.length * 4);
    expect(html).toContain('href="/settings/messages/visit_reminder/es/sms"');
    expect(html).toContain("Reply C to confirm, X to cancel, R to reschedule, or use {{link}}");
    const therapist = await signIn(t.clinic.staff.therapist.email);
    expect((await therapist.get("/settings/messages")).status).toBe(403);
    expect((await therapist.post("/settings/messages/visit_reminder/en/sms", { body: "Hi" })).status).toBe(403);
    expect(await overridesOf(t.clinic.id)).toHaveLength(0);
  });

  it("the editor previews the draft live with sample data, SMS segments and encoding", async () => {
    const t = await setup();
    const page = await (await t.owner.get("/settings/messages/visit_reminder/en/sms")).text();
    expect(page).toContain('hx-post="/settings/messages/preview"');
    expect(page).toContain('hx-trigger="input changed delay:300ms"');
    expect(page).toContain("Hi Alex, a reminder of your visit at");

    const preview = async (form: Record<string, string>) => {
      const res = await t.owner.post("/settings/messages/preview", form, HTMX);
      expect(res.status).toBe(200);
      return res.text();
    };
    const en = await preview({
      purpose: "visit_reminder",
      language: "en",
      channel: "sms",
      body: "Hi {{firstName}}, see you {{date}} at {{time}}.",
    });
    expect(en).toMatch(/^<section id="template-preview"/);
    expect(en).toMatch(/Hi Alex, see you \w{3}, \w{3} \d{1,2} at 10:00 AM\./);
    expect(en).toContain("1 SMS segment · GSM-7 encoding");
    const long = await preview({ purpose: "visit_reminder", language: "en", channel: "sms", body: `{{clinicName}} ${"x".repeat(200)}` });
    expect(long).toContain("2 SMS segments · GSM-7");
    const es = await preview({ purpose: "visit_reminder", language: "es", channel: "sms", body: "Hola {{firstName}} 😀" });
    expect(es).toContain("Hola María");
    expect(es).toContain("UCS-2 encoding");
    const bad = await preview({ purpose: "help", language: "en", channel: "sms", body: "Your {{ankle}} appointment {{firstName" });
    expect(bad).toContain("Unknown placeholder {{ankle}}");
    const email = await preview({
      purpose: "discharge_survey",
      language: "en",
      channel: "email",
      subject: "Thanks {{firstName}}",
      body: "Bye",
    });
    expect(email).toContain("<strong>Subject:</strong> Thanks Alex");
    expect(email).not.toContain("SMS segment");
  });

  it("saving refuses unknown placeholders, clinical words in SMS, empty and over-long text, saving nothing", async () => {
    const t = await setup();
    const refused = async (path: string, form: Record<string, string>, message: string) => {
      const res = await save(t.owner, path, form);
      expect(res.status, path).toBe(422);
      const html = await res.text();
      expect(html).toContain('<small id="f-body-error" class="error">');
      expect(html).toContain(message);
    };
    await refused("visit_reminder/en/sms", { body: "Hi {{fristName}}, see you {{date}}." }, "Unknown placeholder {{fristName}}");
    await refused("visit_reminder/en/sms", { body: "Hi {{firstName}, see you." }, "A placeholder is not complete");
    await refused(
      "at_risk_outreach/en/sms",
      { body: "Hi {{firstName}}, how is your knee doing?" },
      "Text messages must not carry clinical detail (minimum necessary): remove “knee”",
    );
    await refused("at_risk_outreach/es/sms", { body: "Hola {{firstName}}, ¿cómo va su Lesión?" }, "remove “Lesión”");
    await refused("reactivation/en/sms", { body: "Your back pain plan awaits: {{link}}" }, "clinical detail");
    await refused("reactivation/en/sms", { body: "x".repeat(641) }, "At most 640 characters (now 641)");
    await refused("reactivation/en/sms", { body: "   " }, "Write the message text.");
    expect(await overridesOf(t.clinic.id)).toHaveLength(0);

    // Email is not a text message: the same words may be saved there (with a subject).
    const emailSubjectMissing = await save(t.owner, "at_risk_outreach/en/email", { subject: "", body: "How is your knee?" });
    expect(emailSubjectMissing.status).toBe(422);
    expect(await emailSubjectMissing.text()).toContain("Write a subject.");
    const email = await save(t.owner, "at_risk_outreach/en/email", { subject: "Checking in", body: "How is your knee, {{firstName}}?" });
    expect(email.status).toBe(303);
    expect(await overridesOf(t.clinic.id)).toHaveLength(1);
  });

  it("the default wording passes the same checks, in every language and channel", () => {
    for (const purpose of templatePurposes) {
      for (const language of ["en", "es"] as const) {
        for (const channel of ["sms", "email"] as const) {
          expect(templateProblems(channel, defaultTemplates[purpose][language]), `${purpose} ${language} ${channel}`).toEqual({});
        }
      }
    }
  });

  it("a saved override is what requestMessage sends; reset brings the default back", async () => {
    const t = await setup();
    const patient = await makePatient(t.clinic.id, { givenName: "Ana" });
    await db().insert(consents).values({
      id: newId(),
      clinicId: t.clinic.id,
      patientId: patient.id,
      channel: "email",
      status: "granted",
      source: "staff",
      recordedAt: 1,
    });
    const saved = await save(t.owner, "visit_reminder/en/sms", {
      body: "  {{clinicName}}: see you soon, {{firstName}}. Reply C to confirm.  ",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/settings/messages/visit_reminder/en/sms?saved=1");
    const edit = await (await t.owner.get("/settings/messages/visit_reminder/en/sms?saved=1")).text();
    expect(edit).toContain("Template saved.");
    expect(edit).toContain("Reset to default");
    expect(
      await save(t.owner, "visit_reminder/en/email", { subject: "See you, {{firstName}}", body: "Visit at {{clinicName}}." }),
    ).toHaveProperty("status", 303);

    const deps = pipeline();
    const send = async (key: string, channel: "sms" | "email") => {
      const outcome = await requestMessage(deps, {
        clinicId: t.clinic.id,
        patientId: patient.id,
        purpose: "visit_reminder",
        category: "transactional",
        channel,
        dedupeKey: key,
      });
      if (outcome.status !== "queued") throw new Error(`expected queued, got ${outcome.status}`);
      return db().select().from(messages).where(eq(messages.id, outcome.messageId)).get();
    };
    expect((await send("a", "sms"))?.body).toBe(`${t.clinic.name}: see you soon, Ana. Reply C to confirm.`);
    expect(await send("b", "email")).toMatchObject({ subject: "See you, Ana", body: `Visit at ${t.clinic.name}.` });

    const reset = await t.owner.post("/settings/messages/visit_reminder/en/sms/reset");
    expect(reset.status).toBe(303);
    const rows = await overridesOf(t.clinic.id);
    expect(rows.map((r) => `${r.purpose}/${r.language}/${r.channel}`)).toEqual(["visit_reminder/en/email"]);
    expect((await send("c", "sms"))?.body).toMatch(/^Hi Ana, a reminder of your visit at /);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, t.clinic.id), eq(auditEvents.actorId, t.clinic.staff.owner.id)))
      .all();
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("template."))).toEqual([
      "template.update:visit_reminder:en:sms",
      "template.update:visit_reminder:en:email",
      "template.reset:visit_reminder:en:sms",
    ]);
  });

  it("an unknown template answers 404", async () => {
    const t = await setup();
    expect((await t.owner.get("/settings/messages/no_such_purpose/en/sms")).status).toBe(404);
    expect((await t.owner.get("/settings/messages/visit_reminder/fr/sms")).status).toBe(404);
    expect((await save(t.owner, "visit_reminder/en/fax", { body: "Hi" })).status).toBe(404);
  });
});

describe("Settings -> Messages: number, rules and journey", () => {
  it("the SMS number is stored as E.164 and belongs to one clinic only", async () => {
    const t = await setup();
    const number = `(413) 555-${digits()}`;
    const e164 = `+1${number.replace(/\D/g, "")}`;
    expect((await save(t.owner, "sms-number", { smsNumber: number })).status).toBe(303);
    expect((await db().select().from(clinics).where(eq(clinics.id, t.clinic.id)).get())?.smsNumber).toBe(e164);
    expect(await (await t.owner.get("/settings/messages?saved=sms")).text()).toContain("Text number saved.");

    const other = await setup();
    const taken = await save(other.owner, "sms-number", { smsNumber: e164 });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("This number already belongs to another clinic.");
    const invalid = await save(other.owner, "sms-number", { smsNumber: "12" });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain("Enter a phone number in E.164 form");
    expect((await db().select().from(clinics).where(eq(clinics.id, other.clinic.id)).get())?.smsNumber).toBeNull();
    // Clearing it is allowed.
    expect((await save(t.owner, "sms-number", { smsNumber: "" })).status).toBe(303);
    expect((await db().select().from(clinics).where(eq(clinics.id, t.clinic.id)).get())?.smsNumber).toBeNull();
  });

  it("sending rules and journey settings are saved under their keys, keeping every other key", async () => {
    const t = await setup();
    await db()
      .update(clinics)
      .set({ settings: JSON.stringify({ sessionIdleMinutes: 45, reviews: { google: "https://g.test/r" } }) })
      .where(eq(clinics.id, t.clinic.id));

    const rules = { quietFrom: "09:00", quietTo: "20:30", automatedPerDay: "1", automatedPerWeek: "4", remindersPerDay: "3" };
    expect((await save(t.owner, "rules", rules)).status).toBe(303);
    const journey = {
      referralFirstContactMinutes: "10",
      referralFollowUpDays: "7, 2 ,4",
      remindersHoursBefore: "24, 3",
      lapseAfterDays: "14",
      reactivationDays: "1, 7, 21",
      surveyAfterDischargeHours: "4",
      alumniAfterDischargeDays: "10",
      alumniCheckInDays: "30, 90",
      enabled_referralOutreach: "on",
      enabled_visitReminders: "on",
      enabled_reactivation: "on",
      enabled_alumniCheckIns: "on",
    };
    expect((await save(t.owner, "journey", journey)).status).toBe(303);

    const settings = await settingsOf(t.clinic.id);
    expect(settings.sessionIdleMinutes).toBe(45);
    expect(settings.reviews).toEqual({ google: "https://g.test/r" });
    const expectedRules = { quietHours: { from: "09:00", to: "20:30" }, automatedPerDay: 1, automatedPerWeek: 4, remindersPerDay: 3 };
    expect(settings.messaging).toEqual(expectedRules);
    const expectedJourney = {
      referralFirstContactMinutes: 10,
      referralFollowUpDays: [2, 4, 7],
      remindersHoursBefore: [3, 24],
      lapseAfterDays: 14,
      reactivationDays: [1, 7, 21],
      surveyAfterDischargeHours: 4,
      alumniAfterDischargeDays: 10,
      alumniCheckInDays: [30, 90],
      enabled: {
        referralOutreach: true,
        visitReminders: true,
        atRiskOutreach: false,
        reactivation: true,
        dischargeSurvey: false,
        alumniCheckIns: true,
      },
    };
    expect(settings.journey).toEqual(expectedJourney);
    // What the engine reads back is exactly what was saved.
    const row = await db().select().from(clinics).where(eq(clinics.id, t.clinic.id)).get();
    expect(parseDeliveryPolicy(row?.settings)).toEqual(expectedRules);
    expect(parseJourneyPolicy(settings.journey)).toEqual(expectedJourney);
    const page = await (await t.owner.get("/settings/messages?saved=journey")).text();
    expect(page).toContain("Journey settings saved.");
    expect(page).toContain('value="3, 24"');
    expect(page).not.toMatch(/name="enabled_atRiskOutreach"[^>]*checked/);
  });

  it("refuses a sending window that ends before it starts, bad numbers and bad lists, changing nothing", async () => {
    const t = await setup();
    const before = await settingsOf(t.clinic.id);
    const window = await save(t.owner, "rules", {
      quietFrom: "21:00",
      quietTo: "08:00",
      automatedPerDay: "2",
      automatedPerWeek: "1",
      remindersPerDay: "11",
    });
    expect(window.status).toBe(422);
    const html = await window.text();
    expect(html).toContain("The sending window must end after it starts");
    expect(html).toContain("A week must allow at least as many as a day");
    expect(html).toContain("At most 10");
    const lists = await save(t.owner, "journey", {
      referralFirstContactMinutes: "5",
      referralFollowUpDays: "2, soon",
      remindersHoursBefore: "48, 24, 12, 6, 2",
      lapseAfterDays: "0",
      reactivationDays: "0, 7, 21",
      surveyAfterDischargeHours: "2",
      alumniAfterDischargeDays: "7",
      alumniCheckInDays: "30, 90.5",
    });
    expect(lists.status).toBe(422);
    const listHtml = await lists.text();
    expect(listHtml).toContain("Each value from 0.5 to 60, separated by commas");
    expect(listHtml).toContain("At most 4 values");
    expect(listHtml).toContain("At least 1");
    expect(listHtml).toContain("Each value from 1 to 730, whole numbers");
    expect(await settingsOf(t.clinic.id)).toEqual(before);
  });
});

describe("the clinic's public page", () => {
  it("shows the name, phone and opening hours without sign-in; message links open the patient's own page; unknown ids are 404", async () => {
    const clinic = await makeClinic(`Hillside PT ${digits()}`);
    await db().update(clinics).set({ phone: "+14135550100" }).where(eq(clinics.id, clinic.id));
    const res = await fetchApp(`/c/${clinic.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(clinic.name);
    expect(html).toContain('href="tel:+14135550100"');
    expect(html).toContain('<th scope="row">Monday</th><td>07:00–19:00</td>');
    expect(html).toContain('<th scope="row">Saturday</th><td>Closed</td>');
    expect(html).not.toContain("Sign out");
    expect((await fetchApp("/c/no-such-clinic")).status).toBe(404);

    const patient = await makePatient(clinic.id);
    const outcome = await requestMessage(pipeline(), {
      clinicId: clinic.id,
      patientId: patient.id,
      purpose: "referral_first_contact",
      category: "transactional",
      dedupeKey: "link",
    });
    if (outcome.status !== "queued") throw new Error(outcome.status);
    const message = await db().select().from(messages).where(eq(messages.id, outcome.messageId)).get();
    // Messages now carry the patient's own magic link, which lands on a page naming the clinic.
    const link = /(https?:\/\/\S+\/p\/[A-Za-z0-9_-]{22})/.exec(message?.body ?? "")?.[1] ?? "";
    // Opened while the link is fresh: the app runs on the pipeline's clock, not today's date.
    const landing = await createApp({ clock: fixedClock(NOON_NY) }).request(new URL(link).pathname, {}, env);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain(clinic.name);
  });
});
