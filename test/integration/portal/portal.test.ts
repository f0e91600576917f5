import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { requestMessage } from "../../../src/messaging/service";
import { fixedClock, MINUTE } from "../../../src/platform/clock";
import { sha256Hex } from "../../../src/platform/ids";
import { appointments, clinics, patientLinks } from "../../../src/platform/schema";
import { createPatientLink, revokePatientLinks } from "../../../src/portal/links";
import { bookAppointment } from "../../../src/scheduling/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, env, fetchApp } from "../../helpers/http";

const form = (data: Record<string, string>, cookie?: string) => ({
  method: "POST",
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    "sec-fetch-site": "same-origin",
    ...(cookie ? { cookie: `rapport_portal=${cookie}` } : {}),
  },
  body: new URLSearchParams(data).toString(),
});

async function setup(language: "en" | "es" = "en") {
  const clinic = await makeClinic("Harbor PT");
  const patient = await makePatient(clinic.id, { givenName: language === "es" ? "Lucía" : "Ana", preferredLanguage: language });
  const { deps } = testDeps(Date.now());
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const booked = await bookAppointment(deps, staffActorFor(clinic.id, clinic.staff.front_desk.id), "America/New_York", {
    patientId: patient.id,
    therapistId: clinic.staff.therapist.id,
    episodeId: null,
    date: day,
    time: "10:00",
    durationMinutes: 45,
    type: "follow_up",
    allowOutsideAvailability: true,
  });
  if (!booked.ok) throw new Error("booking failed");
  const token = await createPatientLink(deps, { clinicId: clinic.id, patientId: patient.id, purpose: "reminder" });
  return { clinic, patient, deps, token, visit: booked.value };
}

async function open(token: string, app = createApp()) {
  const res = await app.request(`${BASE}/p/${token}`, form({}), env);
  const cookie = /rapport_portal=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  return { res, cookie };
}

describe("patient magic links", () => {
  it("store only a hash; a GET shows a button and changes nothing; the POST opens the patient's page", async () => {
    const t = await setup();
    expect(t.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const row = await db()
      .select()
      .from(patientLinks)
      .where(eq(patientLinks.tokenHash, await sha256Hex(t.token)))
      .get();
    expect(row).toMatchObject({ patientId: t.patient.id, purpose: "reminder", lastUsedAt: null });
    expect(JSON.stringify(await db().select().from(patientLinks).all())).not.toContain(t.token);

    const landing = await fetchApp(`/p/${t.token}`);
    expect(landing.status).toBe(200);
    expect(landing.headers.get("set-cookie")).toBeNull();
    expect(landing.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await landing.text()).toContain(">Open my page</button>");
    expect(
      (
        await db()
          .select()
          .from(patientLinks)
          .where(eq(patientLinks.id, row?.id ?? ""))
          .get()
      )?.lastUsedAt,
    ).toBeNull();

    const { res, cookie } = await open(t.token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/portal");
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const home = await fetchApp("/portal", { headers: { cookie: `rapport_portal=${cookie}` } });
    const html = await home.text();
    expect(home.status).toBe(200);
    expect(html).toContain("Hello Ana");
    expect(html).toContain("Your next visit");
    expect(html).not.toContain(t.token);
  });

  it("expired, revoked, malformed and unknown links get a clear page and no session", async () => {
    const t = await setup();
    const later = createApp({ clock: fixedClock(Date.now() + 7 * 86_400_000 + 1) });
    expect((await later.request(`${BASE}/p/${t.token}`, {}, env)).status).toBe(410);
    expect((await open(t.token, later)).cookie).toBeUndefined();
    expect((await fetchApp("/p/short")).status).toBe(410);
    expect((await fetchApp(`/p/${"A".repeat(22)}`)).status).toBe(410);
    const { cookie } = await open(t.token);
    await revokePatientLinks(t.deps, t.clinic.id, t.patient.id);
    expect((await fetchApp(`/p/${t.token}`)).status).toBe(410);
    // A session from a revoked link ends too.
    const after = await fetchApp("/portal", { headers: { cookie: `rapport_portal=${cookie}` } });
    expect(after.status).toBe(401);
    expect(await after.text()).toContain("For your privacy");
  });

  it("the page closes after 30 idle minutes; a forged cookie opens nothing", async () => {
    const t = await setup();
    const clock = fixedClock(Date.now());
    const app = createApp({ clock });
    const { cookie } = await open(t.token, app);
    clock.advance(29 * MINUTE);
    const still = await app.request(`${BASE}/portal`, { headers: { cookie: `rapport_portal=${cookie}` } }, env);
    expect(still.status).toBe(200);
    const refreshed = /rapport_portal=([^;]+)/.exec(still.headers.get("set-cookie") ?? "")?.[1];
    clock.advance(31 * MINUTE);
    expect((await app.request(`${BASE}/portal`, { headers: { cookie: `rapport_portal=${cookie}` } }, env)).status).toBe(401);
    expect((await app.request(`${BASE}/portal`, { headers: { cookie: `rapport_portal=${refreshed}` } }, env)).status).toBe(401);
    expect((await fetchApp("/portal", { headers: { cookie: "rapport_portal=eyJhbGciOiJub25lIn0.e30." } })).status).toBe(401);
  });

  it("confirms and cancels the patient's own visit only, with the page token", async () => {
    const t = await setup();
    const { cookie } = await open(t.token);
    const other = await setup();
    expect((await fetchApp(`/portal/visits/${t.visit.id}/confirm`, form({}, cookie))).status).toBe(403); // no page token
    const page = await (await fetchApp("/portal", { headers: { cookie: `rapport_portal=${cookie}` } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const foreign = await fetchApp(`/portal/visits/${other.visit.id}/confirm`, form({ _csrf: csrf }, cookie));
    expect(foreign.status).toBe(409);
    expect((await db().select().from(appointments).where(eq(appointments.id, other.visit.id)).get())?.status).toBe("booked");
    const confirmed = await fetchApp(`/portal/visits/${t.visit.id}/confirm`, form({ _csrf: csrf }, cookie));
    expect(confirmed.status).toBe(303);
    expect((await db().select().from(appointments).where(eq(appointments.id, t.visit.id)).get())?.status).toBe("confirmed");
    const cancelled = await fetchApp(`/portal/visits/${t.visit.id}/cancel`, form({ _csrf: csrf, reason: "Sick" }, cookie));
    expect(cancelled.status).toBe(303);
    expect(await db().select().from(appointments).where(eq(appointments.id, t.visit.id)).get()).toMatchObject({
      status: "cancelled",
      cancelReason: "Sick",
    });
  });

  it("speaks the patient's language", async () => {
    const t = await setup("es");
    const landing = await (await fetchApp(`/p/${t.token}`)).text();
    expect(landing).toContain('lang="es"');
    expect(landing).toContain("Abrir mi página");
    const { cookie } = await open(t.token);
    const home = await (await fetchApp("/portal", { headers: { cookie: `rapport_portal=${cookie}` } })).text();
    expect(home).toContain("Hola Lucía");
    expect(home).toContain("Su próxima cita");
  });

  it("a reminder carries a personal link that opens that patient's page", async () => {
    const t = await setup();
    const outcome = await requestMessage(t.deps, {
      clinicId: t.clinic.id,
      patientId: t.patient.id,
      purpose: "reschedule_link",
      category: "transactional",
      dedupeKey: `link-test:${t.patient.id}`,
    });
    if (outcome.status !== "queued") throw new Error(outcome.status);
    const { messages } = await import("../../../src/platform/schema");
    const body = (await db().select().from(messages).where(eq(messages.id, outcome.messageId)).get())?.body ?? "";
    const token = /\/p\/([A-Za-z0-9_-]{22})/.exec(body)?.[1];
    expect(token).toBeTruthy();
    const { cookie } = await open(token ?? "");
    expect(await (await fetchApp("/portal", { headers: { cookie: `rapport_portal=${cookie}` } })).text()).toContain("Hello Ana");
  });

  it("a reminder's link works for as many days as the clinic set, 7 by default", async () => {
    const t = await setup();
    const linkDays = async (key: string) => {
      const outcome = await requestMessage(t.deps, {
        clinicId: t.clinic.id,
        patientId: t.patient.id,
        purpose: "reschedule_link",
        category: "transactional",
        dedupeKey: `${key}:${t.patient.id}`,
      });
      if (outcome.status !== "queued") throw new Error(outcome.status);
      const { messages } = await import("../../../src/platform/schema");
      const body = (await db().select().from(messages).where(eq(messages.id, outcome.messageId)).get())?.body ?? "";
      const token = /\/p\/([A-Za-z0-9_-]{22})/.exec(body)?.[1] ?? "";
      const row = await db()
        .select()
        .from(patientLinks)
        .where(eq(patientLinks.tokenHash, await sha256Hex(token)))
        .get();
      return ((row?.expiresAt ?? 0) - (row?.createdAt ?? 0)) / 86_400_000;
    };
    expect(await linkDays("default")).toBe(7);
    await db()
      .update(clinics)
      .set({ settings: JSON.stringify({ reminderLinkDays: 3 }) })
      .where(eq(clinics.id, t.clinic.id));
    expect(await linkDays("three")).toBe(3);
  });
});
