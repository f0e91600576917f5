import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { messages, patientLinks, portalDevices, tasks } from "../../../src/platform/schema";
import { CLINICAL_SECTIONS } from "../../../src/portal/routes";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { openPortal } from "../../helpers/portal";

// The discharge survey shows nothing clinical (src/surveys/portal-routes.tsx says why), so it needs only the link.
const LINK_ONLY = new Set([
  "/portal",
  "/portal/",
  "/portal/verify",
  "/portal/verify/code",
  "/portal/logout",
  "/portal/survey",
  "/portal/survey/thanks",
]);
const linkOnly = (path: string) => LINK_ONLY.has(path) || path.startsWith("/portal/visits/");

async function setup(language: "en" | "es" = "en") {
  const clinic = await makeClinic("Harbor PT");
  const patient = await makePatient(clinic.id, { dateOfBirth: "1961-03-27", preferredLanguage: language });
  return { clinic, patient };
}

const link = (linkId: string) => db().select().from(patientLinks).where(eq(patientLinks.id, linkId)).get();

describe("step-up before clinical detail", () => {
  it("every portal page but the visit itself asks this device to confirm it is the patient", async () => {
    const { clinic, patient } = await setup();
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    const paths = [...new Set(createApp().routes.map((r) => r.path))].filter((p) => p.startsWith("/portal") && !p.includes("*"));
    const clinical = paths.filter((p) => !linkOnly(p));
    expect(clinical.length).toBeGreaterThanOrEqual(CLINICAL_SECTIONS.length);
    for (const path of clinical) {
      const concrete = path.replace(/:[A-Za-z]+/g, "x1");
      const res = await phone.get(concrete);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location"), path).toMatch(/^\/portal\/verify\?next=%2Fportal/);
      const posted = await phone.post(concrete, {});
      expect(posted.status, `POST ${path}`).toBe(303);
      expect(posted.headers.get("location"), `POST ${path}`).toMatch(/^\/portal\/verify/);
    }
    // Each section is behind the check even before a feature registers a page there.
    for (const section of CLINICAL_SECTIONS) expect((await phone.get(`/portal/${section}`)).status, section).toBe(303);
    // The visit needs only the link.
    expect((await phone.get("/portal")).status).toBe(200);
  });

  it("the right date of birth trusts this device for 30 days, for this patient only", async () => {
    const { clinic, patient } = await setup();
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    const form = await phone.get("/portal/verify?next=%2Fportal%2Fprogress");
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('autocomplete="bday-day"');
    expect(html).toContain('value="/portal/progress"');
    const ok = await phone.post("/portal/verify", {
      method: "date_of_birth",
      day: "27",
      month: "3",
      year: "1961",
      next: "/portal/progress",
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/portal/progress");
    const setCookie = ok.headers.getSetCookie().find((c) => c.startsWith("rapport_device=")) ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Max-Age=2592000/);
    const device = phone.cookies.get("rapport_device") ?? "";
    const rows = await db().select().from(portalDevices).where(eq(portalDevices.patientId, patient.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toBe(device);
    expect(JSON.stringify(rows)).not.toContain(device);
    expect((await phone.get("/portal/verify")).status).toBe(303); // already checked

    // Another patient's session on the same phone is asked again.
    const sister = await makePatient(clinic.id, { dateOfBirth: "1990-01-02" });
    const shared = await openPortal({ clinicId: clinic.id, patientId: sister.id, stepUp: false });
    shared.cookies.set("rapport_device", device);
    expect((await shared.get("/portal/learn")).status).toBe(303);

    // After 30 days the device is asked again.
    await db()
      .update(portalDevices)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(portalDevices.patientId, patient.id));
    expect((await phone.get("/portal/learn")).headers.get("location")).toBe("/portal/verify?next=%2Fportal%2Flearn");
  });

  it("a wrong or malformed answer is refused in the patient's language; the fifth locks the link and opens one task", async () => {
    const { clinic, patient } = await setup("es");
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    const linkId = (await db().select().from(patientLinks).where(eq(patientLinks.patientId, patient.id)).get())?.id ?? "";

    const invalid = await phone.post("/portal/verify", { method: "date_of_birth", day: "31", month: "2", year: "1961" });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain("Escriba una fecha real");
    expect((await link(linkId))?.failedStepUps).toBe(0); // a typo in the shape is not a wrong answer

    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await phone.post("/portal/verify", { method: "date_of_birth", day: "28", month: "3", year: "1961" });
      expect(wrong.status).toBe(422);
      expect(await wrong.text()).toContain(`Le quedan ${5 - attempt} intentos`);
      expect(phone.cookies.has("rapport_device")).toBe(false);
    }
    expect(await db().select().from(portalDevices).where(eq(portalDevices.patientId, patient.id)).all()).toHaveLength(0);
    const fifth = await phone.post("/portal/verify", { method: "date_of_birth", day: "28", month: "3", year: "1961" });
    expect(fifth.status).toBe(423);
    expect(await fifth.text()).toContain("Llame a Harbor PT");
    expect((await link(linkId))?.lockedAt).not.toBeNull();
    const opened = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.patientId, patient.id), eq(tasks.type, "portal_locked")))
      .all();
    expect(opened).toHaveLength(1);
    // The session is over, and even the right answer no longer works on this link.
    expect((await phone.get("/portal")).status).toBe(401);
    expect((await phone.post("/portal/verify", { method: "date_of_birth", dateOfBirth: "1961-03-27" })).status).toBe(401);
  });

  it("a correct answer resets the count of wrong ones", async () => {
    const { clinic, patient } = await setup();
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    await phone.post("/portal/verify", { method: "date_of_birth", dateOfBirth: "1961-03-28" });
    await phone.post("/portal/verify", { method: "date_of_birth", dateOfBirth: "1961-03-27" });
    const row = await db().select().from(patientLinks).where(eq(patientLinks.patientId, patient.id)).get();
    expect(row?.failedStepUps).toBe(0);
  });

  it("a 6-digit code by SMS, for a patient who consented to texts: single use, and wrong codes count", async () => {
    const { clinic, patient } = await setup();
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    expect(await (await phone.get("/portal/verify")).text()).toContain("Text me a code");
    const sent = await phone.post("/portal/verify/code", { next: "/portal/exercises" });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('autocomplete="one-time-code"');
    const sms = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.patientId, patient.id), eq(messages.purpose, "portal_code")))
      .all();
    expect(sms).toHaveLength(1);
    expect(sms[0]?.channel).toBe("sms");
    const code = /(\d{6})/.exec(sms[0]?.body ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);
    expect((await phone.post("/portal/verify/code", {})).status).toBe(429); // one a minute
    // Staff see that a code went out, never the digits.
    const desk = await signIn(clinic.staff.front_desk.email);
    const inbox = await (await desk.get(`/inbox/${patient.id}`)).text();
    expect(inbox).toContain("Sign-in code for the patient portal (hidden)");
    expect(inbox).not.toContain(code);
    expect(await (await desk.get("/inbox?filter=all")).text()).not.toContain(code);

    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect((await phone.post("/portal/verify", { method: "sms_code", code: wrongCode })).status).toBe(422);
    expect((await phone.post("/portal/verify", { method: "sms_code", code: "12ab56" })).status).toBe(422);
    const passed = await phone.post("/portal/verify", { method: "sms_code", code, next: "/portal/exercises" });
    expect(passed.status).toBe(303);
    expect(passed.headers.get("location")).toBe("/portal/exercises");
    const device = await db().select().from(portalDevices).where(eq(portalDevices.patientId, patient.id)).get();
    expect(device?.method).toBe("sms_code");
    // Used once: the same code on a fresh session of the same link does nothing.
    phone.cookies.delete("rapport_device");
    expect((await phone.post("/portal/verify", { method: "sms_code", code })).status).toBe(422);
  });

  it("offers no SMS code without consent to texts", async () => {
    const clinic = await makeClinic("Harbor PT");
    const patient = await makePatient(clinic.id, { phone: null });
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    expect(await (await phone.get("/portal/verify")).text()).not.toContain("Text me a code");
    expect((await phone.post("/portal/verify/code", {})).status).toBe(422);
    expect(await db().select().from(messages).where(eq(messages.patientId, patient.id)).all()).toHaveLength(0);
  });

  it("goes back only to a portal page", async () => {
    const { clinic, patient } = await setup();
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    const res = await phone.post("/portal/verify", { method: "date_of_birth", dateOfBirth: "1961-03-27", next: "https://evil.example/" });
    expect(res.headers.get("location")).toBe("/portal");
  });
});
