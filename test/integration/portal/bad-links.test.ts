import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { fixedClock, MINUTE } from "../../../src/platform/clock";
import { patientLinks } from "../../../src/platform/schema";
import { createPatientLink } from "../../../src/portal/links";
import { testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, env, fetchApp } from "../../helpers/http";
import { openPortal } from "../../helpers/portal";

describe("links and sessions that no longer work", () => {
  it("an expired or revoked link answers in the patient's language with the clinic's name; an unknown one by the browser's", async () => {
    const clinic = await makeClinic("Clínica Sol");
    const patient = await makePatient(clinic.id, { preferredLanguage: "es" });
    const { deps } = testDeps(Date.now());
    const token = await createPatientLink(deps, { clinicId: clinic.id, patientId: patient.id, purpose: "reminder" });
    await db()
      .update(patientLinks)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(patientLinks.patientId, patient.id));
    for (const method of ["GET", "POST"]) {
      const res = await fetchApp(`/p/${token}`, { method, headers: { "sec-fetch-site": "same-origin" } });
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain('lang="es"');
      expect(html).toContain("Llame a Clínica Sol");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    const unknown = await fetchApp(`/p/${"B".repeat(22)}`, { headers: { "accept-language": "es-MX,es;q=0.9" } });
    expect(unknown.status).toBe(410);
    expect(await unknown.text()).toContain("Llame a su clínica");
    const malformed = await fetchApp("/p/not-a-token");
    expect(malformed.status).toBe(410);
    expect(await malformed.text()).toContain("call your clinic");
  });

  it("closing the page ends the session on the server: the same cookie replayed opens nothing, the link opens a new one", async () => {
    const clinic = await makeClinic("Harbor PT");
    const patient = await makePatient(clinic.id, { preferredLanguage: "es" });
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id });
    const stolen = phone.cookies.get("rapport_portal") ?? "";
    const closed = await phone.post("/portal/logout");
    expect(closed.status).toBe(200);
    expect(await closed.text()).toContain("Su página está cerrada");
    const replay = await fetchApp("/portal", { headers: { cookie: `rapport_portal=${stolen}` } });
    expect(replay.status).toBe(401);
    const replayPost = await fetchApp("/portal/logout", {
      method: "POST",
      headers: { cookie: `rapport_portal=${stolen}`, "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ _csrf: phone.csrf }).toString(),
    });
    expect(replayPost.status).toBe(401);
    // The patient can open the portal again from a link.
    await new Promise((r) => setTimeout(r, 5));
    const again = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    expect((await again.get("/portal")).status).toBe(200);
  });

  it("a session ends with its link, and 12 hours after the link was opened even when kept busy", async () => {
    const clinic = await makeClinic("Harbor PT");
    const patient = await makePatient(clinic.id);
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    await db()
      .update(patientLinks)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(patientLinks.patientId, patient.id));
    expect((await phone.get("/portal")).status).toBe(401);

    const clock = fixedClock(Date.now());
    const app = createApp({ clock });
    const token = await createPatientLink(testDeps(clock.now()).deps, { clinicId: clinic.id, patientId: patient.id, purpose: "survey" });
    const opened = await app.request(`${BASE}/p/${token}`, { method: "POST", headers: { "sec-fetch-site": "same-origin" } }, env);
    let cookie = /rapport_portal=([^;]+)/.exec(opened.headers.get("set-cookie") ?? "")?.[1] ?? "";
    let last = 0;
    for (let minutes = 25; minutes <= 12 * 60 + 25; minutes += 25) {
      clock.advance(25 * MINUTE);
      const res = await app.request(`${BASE}/portal`, { headers: { cookie: `rapport_portal=${cookie}` } }, env);
      last = res.status;
      if (res.status !== 200) {
        expect(minutes).toBeGreaterThanOrEqual(12 * 60);
        break;
      }
      cookie = /rapport_portal=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? cookie;
    }
    expect(last).toBe(401);
  });
});
