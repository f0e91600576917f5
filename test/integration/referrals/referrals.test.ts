import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { newId } from "../../../src/platform/ids";
import { appointments, auditEvents, episodes, referralSources } from "../../../src/platform/schema";
import { isValidNpi } from "../../../src/referrals/schemas";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

const validSource = {
  name: "Dr. Jane Smith",
  kind: "physician",
  npi: "1234567893",
  practice: "Harbor Orthopedics",
  phone: "(617) 555-0123",
  fax: "617.555.0124",
  email: "referrals@harbor.example",
};

describe("NPI check digit", () => {
  it.each([
    ["1234567893", true],
    ["1245319599", true],
    ["1003000126", true],
    ["1234567890", false],
    ["1234567894", false],
    ["1245319598", false],
    ["123456789", false],
    ["12345678931", false],
    ["123456789X", false],
  ])("%s is %s", (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });
});

describe("referral sources", { timeout: 20_000 }, () => {
  it("adds a source with a normalised phone and fax, audited, and shows it in the list", async () => {
    const clinic = await makeClinic();
    const desk = await signIn(clinic.staff.front_desk.email);
    const res = await desk.post("/referrals", validSource);
    expect(res.status).toBe(303);
    const id = res.headers.get("location")?.split("/").pop() ?? "";
    const row = await db().select().from(referralSources).where(eq(referralSources.id, id)).get();
    expect(row).toMatchObject({ clinicId: clinic.id, npi: "1234567893", phone: "+16175550123", fax: "+16175550124" });
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.clinicId, clinic.id)).all();
    expect(audit.map((a) => a.action)).toContain("referral_source.create");
    const list = await (await desk.get("/referrals")).text();
    expect(list).toContain(`href="/referrals/${id}"`);
    expect(list).toContain("Harbor Orthopedics");
    expect(list).toContain("1234567893");
    expect(list).toContain("+16175550123");
  });

  it.each([
    [{ npi: "1234567890" }, "npi", "check digit is wrong"],
    [{ npi: "12345" }, "npi", "An NPI has 10 digits"],
    [{ npi: "abcdefghij" }, "npi", "An NPI has 10 digits"],
    [{ phone: "555-01" }, "phone", "Enter a valid phone number"],
    [{ fax: "call me" }, "fax", "Enter a valid fax number"],
    [{ email: "not-an-email" }, "email", "Enter a valid email address"],
    [{ name: "" }, "name", "Enter the name"],
    [{ kind: "friend" }, "kind", "Choose a kind"],
  ])("refuses %j beside %s and writes nothing", async (over, field, message) => {
    const clinic = await makeClinic();
    const desk = await signIn(clinic.staff.front_desk.email);
    const res = await desk.post("/referrals", { ...validSource, ...over });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`id="f-${field}-error" class="error">[^<]*${message}`));
    expect(await db().select().from(referralSources).where(eq(referralSources.clinicId, clinic.id)).all()).toHaveLength(0);
  });

  it("an NPI may be left empty (self-referrals have none)", async () => {
    const clinic = await makeClinic();
    const desk = await signIn(clinic.staff.front_desk.email);
    const res = await desk.post("/referrals", { name: "Walk-in", kind: "self", npi: "", phone: "", fax: "", email: "", practice: "" });
    expect(res.status).toBe(303);
    const row = await db().select().from(referralSources).where(eq(referralSources.clinicId, clinic.id)).get();
    expect(row).toMatchObject({ npi: null, phone: null, fax: null, email: null, practice: null });
  });

  it("edits a source; bad input is refused beside the field and nothing changes", async () => {
    const clinic = await makeClinic();
    const desk = await signIn(clinic.staff.front_desk.email);
    const id = (await desk.post("/referrals", validSource)).headers.get("location")?.split("/").pop() ?? "";
    const form = await (await desk.get(`/referrals/${id}/edit`)).text();
    expect(form).toContain('value="Harbor Orthopedics"');
    const bad = await desk.post(`/referrals/${id}/edit`, { ...validSource, npi: "1234567890", practice: "Changed" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("check digit is wrong");
    expect((await db().select().from(referralSources).where(eq(referralSources.id, id)).get())?.practice).toBe("Harbor Orthopedics");
    const ok = await desk.post(`/referrals/${id}/edit`, { ...validSource, practice: "Harbor Spine", phone: "+1 617 555 0199" });
    expect(ok.status).toBe(303);
    expect(await db().select().from(referralSources).where(eq(referralSources.id, id)).get()).toMatchObject({
      practice: "Harbor Spine",
      phone: "+16175550199",
    });
  });
});

describe("referral stats", { timeout: 20_000 }, () => {
  /** A hand-built clinic: which episodes came from where, what visits they had and how they ended. */
  async function fixture() {
    const clinic = await makeClinic();
    const foreign = await makeClinic();
    const now = Date.now();
    const source = async (clinicId: string, name: string) => {
      const id = newId();
      await db().insert(referralSources).values({ id, clinicId, name, kind: "physician", createdAt: now });
      return id;
    };
    const [a, b, c] = [await source(clinic.id, "Dr. Alpha"), await source(clinic.id, "Dr. Beta"), await source(clinic.id, "Dr. Gamma")];
    const foreignSource = await source(foreign.id, "Dr. Foreign");
    let n = 0;
    const episode = async (
      clinicId: string,
      sourceId: string | null,
      visits: ("attended" | "booked" | "cancelled" | "no_show")[],
      discharge: "goals_met" | "plan_completed" | "dropped_out" | null,
      therapistId: string,
    ) => {
      n++;
      const patient = await makePatient(clinicId, { givenName: `Patient${n}`, familyName: `Fixture${n}`, phone: null });
      const id = newId();
      await db()
        .insert(episodes)
        .values({
          id,
          clinicId,
          patientId: patient.id,
          bodyRegion: "knee",
          diagnosis: "Fixture",
          referralSourceId: sourceId,
          startDate: `2026-10-${String(n).padStart(2, "0")}`,
          visitsPrescribed: 10,
          frequencyPerWeek: 2,
          durationWeeks: 5,
          status: discharge ? "discharged" : "open",
          dischargeReason: discharge,
          dischargedAt: discharge ? now : null,
          createdAt: now,
          updatedAt: now,
        });
      for (const [i, status] of visits.entries()) {
        const startsAt = Date.parse("2026-10-01T14:00:00Z") + (n * 20 + i) * 3_600_000;
        await db()
          .insert(appointments)
          .values({
            id: newId(),
            clinicId,
            patientId: patient.id,
            therapistId,
            episodeId: id,
            startsAt,
            endsAt: startsAt + 1_800_000,
            durationMinutes: 30,
            type: "follow_up",
            status,
            createdAt: now,
            updatedAt: now,
          });
      }
      return patient;
    };
    const t = clinic.staff.therapist.id;
    const p1 = await episode(clinic.id, a, ["attended", "attended"], "goals_met", t); // referred, converted, completed
    const p2 = await episode(clinic.id, a, ["booked"], null, t); // referred only
    await episode(clinic.id, a, ["cancelled", "attended"], "dropped_out", t); // referred, converted
    await episode(clinic.id, a, ["cancelled", "no_show"], null, t); // referred only: never attended
    await episode(clinic.id, b, [], "plan_completed", t); // referred, completed (no visit on record)
    await episode(clinic.id, b, ["attended"], null, t); // referred, converted
    await episode(clinic.id, null, ["attended"], "goals_met", t); // no source: counted nowhere
    await episode(foreign.id, foreignSource, ["attended"], "goals_met", foreign.staff.therapist.id); // another clinic
    return { clinic, foreign, a, b, c, p1, p2 };
  }

  const stats = (html: string, sourceId: string) => {
    const row = new RegExp(`<tr id="source-${sourceId}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "";
    const get = (k: string) => Number(new RegExp(`data-stat="${k}">(\\d+)<`).exec(row)?.[1]);
    return { referred: get("referred"), converted: get("converted"), completed: get("completed") };
  };

  it("counts referred, converted to a first visit and completed per source", async () => {
    const { clinic, a, b, c } = await fixture();
    const desk = await signIn(clinic.staff.front_desk.email);
    const html = await (await desk.get("/referrals")).text();
    expect(stats(html, a)).toEqual({ referred: 4, converted: 2, completed: 1 });
    expect(stats(html, b)).toEqual({ referred: 2, converted: 1, completed: 1 });
    expect(stats(html, c)).toEqual({ referred: 0, converted: 0, completed: 0 });
    expect(html).not.toContain("Dr. Foreign");
  });

  it("a source's page lists its patients with the same counts", async () => {
    const { clinic, a, p1, p2 } = await fixture();
    const desk = await signIn(clinic.staff.front_desk.email);
    const html = await (await desk.get(`/referrals/${a}`)).text();
    expect(html).toContain("Dr. Alpha");
    expect(html).toMatch(/data-stat="referred">4</);
    expect(html).toMatch(/data-stat="converted">2</);
    expect(html).toMatch(/data-stat="completed">1</);
    expect(html).toContain(`<a href="/patients/${p1.id}">Patient1 Fixture1</a>`);
    expect(html).toContain(`<a href="/patients/${p2.id}">Patient2 Fixture2</a>`);
    expect(html).toContain("discharged (Goals met)");
    expect(html.match(/href="\/patients\//g)).toHaveLength(4);
    // Newest first.
    expect(html.indexOf("Patient4 Fixture4")).toBeLessThan(html.indexOf("Patient1 Fixture1"));
    expect(html).not.toContain("Fixture5");
  });
});

describe("referral routes and tenant isolation", { timeout: 20_000 }, () => {
  const routes: [method: "GET" | "POST", path: string, form?: Record<string, string>][] = [
    ["GET", "/referrals/:id"],
    ["GET", "/referrals/:id/edit"],
    ["POST", "/referrals/:id/edit", { ...validSource, name: "Hijacked" }],
    ["POST", "/referrals/:id/edit", { ...validSource, npi: "1" }],
  ];

  it("the walk covers every registered referral route", () => {
    const registered = createApp()
      .routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/referrals"))
      .map((r) => `${r.method} ${r.path}`);
    const walked = new Set([...routes.map(([m, p]) => `${m} ${p}`), "GET /referrals", "POST /referrals"]);
    expect(registered.length).toBeGreaterThanOrEqual(5);
    expect(registered.filter((r) => !walked.has(r))).toEqual([]);
  });

  it("another clinic's referral source answers 404 everywhere and changes nothing", async () => {
    const home = await makeClinic();
    const other = await makeClinic();
    const homeDesk = await signIn(home.staff.front_desk.email);
    const id = (await homeDesk.post("/referrals", { ...validSource, name: "Dr. Private" })).headers.get("location")?.split("/").pop() ?? "";
    const before = await db().select().from(referralSources).where(eq(referralSources.id, id)).get();
    for (const role of ["owner", "front_desk"] as const) {
      const intruder = await signIn(other.staff[role].email);
      for (const [method, template, form] of routes) {
        const path = template.replace(":id", id);
        const res = method === "GET" ? await intruder.get(path) : await intruder.post(path, form);
        expect(`${role} ${method} ${template} -> ${res.status}`).toBe(`${role} ${method} ${template} -> 404`);
        expect(await res.text()).not.toContain("Dr. Private");
      }
      const list = await (await intruder.get("/referrals")).text();
      expect(list).not.toContain("Dr. Private");
      expect(list).not.toContain(id);
    }
    expect(await db().select().from(referralSources).where(eq(referralSources.id, id)).get()).toEqual(before);
    expect(await db().select().from(referralSources).where(eq(referralSources.clinicId, other.id)).all()).toHaveLength(0);
  }, 20_000);
});
