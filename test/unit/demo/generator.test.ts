import { describe, expect, it } from "vitest";
import { isTimeZone } from "../../../src/clinics/model";
import { staffRoles } from "../../../src/clinics/tables";
import { type DemoClinic, demoLogins, generateDemo } from "../../../src/demo/generator";
import { searchNameOf, toE164 } from "../../../src/patients/model";
import { patientFormSchema } from "../../../src/patients/schemas";

const now = Date.UTC(2026, 10, 27, 14, 30, 0);
const demo = generateDemo(now);

function clinicNamed(name: string): DemoClinic {
  const c = demo.find((d) => d.clinic.name === name);
  if (!c) throw new Error(`no demo clinic named ${name}`);
  return c;
}

function duplicates<T>(values: T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

describe("generateDemo", () => {
  it("is deterministic: the same now gives the same data", () => {
    const again = generateDemo(now);
    expect(again).toEqual(demo);
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
  });

  it("does not depend on the machine clock", () => {
    // Same `now` generated later in wall-clock time must not change the output.
    const a = JSON.stringify(generateDemo(now));
    const b = JSON.stringify(generateDemo(now));
    expect(a).toBe(b);
    expect(JSON.stringify(generateDemo(now + 1))).not.toBe(a);
  });

  it("builds Demo Physical Therapy with 300 patients in America/New_York", () => {
    const dpt = clinicNamed("Demo Physical Therapy");
    expect(dpt.patients).toHaveLength(300);
    expect(dpt.clinic.timeZone).toBe("America/New_York");
    expect(toE164(dpt.clinic.phone)).toBe(dpt.clinic.phone);
  });

  it("builds Second Street Rehab with its owner", () => {
    const ssr = clinicNamed("Second Street Rehab");
    expect(ssr.patients.length).toBeGreaterThan(0);
    expect(ssr.staff).toContainEqual(expect.objectContaining({ email: "owner@second-clinic.test", role: "owner", active: true }));
  });

  it("has exactly the two demo clinics, with distinct ids", () => {
    expect(demo.map((d) => d.clinic.name)).toEqual(["Demo Physical Therapy", "Second Street Rehab"]);
    expect(new Set(demo.map((d) => d.clinic.id)).size).toBe(2);
  });

  it.each(demoLogins.map((l) => [l.email, l.clinic, l.role] as const))(
    "demo login %s is active %s staff with role %s",
    (email, clinic, role) => {
      const c = clinicNamed(clinic);
      const member = c.staff.find((s) => s.email === email);
      expect(member).toBeDefined();
      expect(member?.role).toBe(role);
      expect(member?.active).toBe(true);
      expect(member?.clinicId).toBe(c.clinic.id);
    },
  );

  it("staff emails are unique across clinics, lower case, with known roles", () => {
    const emails = demo.flatMap((d) => d.staff.map((s) => s.email));
    expect(duplicates(emails)).toEqual([]);
    for (const d of demo) {
      for (const s of d.staff) {
        expect(s.email).toBe(s.email.toLowerCase());
        expect(staffRoles).toContain(s.role);
      }
    }
  });

  it.each(demo.map((d) => [d.clinic.name, d] as const))("%s: every patient phone is valid E.164 and unique", (_name, d) => {
    const phones = d.patients.map((p) => p.phone).filter((p): p is string => p !== null);
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(toE164(phone), phone).toBe(phone);
    expect(duplicates(phones)).toEqual([]);
  });

  it.each(demo.map((d) => [d.clinic.name, d] as const))("%s: no patient has the clinic's own phone number", (_name, d) => {
    // Otherwise texts to that patient go to the front desk, and a search for the clinic's number finds a patient.
    expect(d.patients.filter((p) => p.phone === d.clinic.phone).map((p) => p.id)).toEqual([]);
  });

  it.each(demo.map((d) => [d.clinic.name, d] as const))("%s: identifier values are unique and belong to its patients", (_name, d) => {
    expect(duplicates(d.identifiers.map((i) => `${i.system}|${i.value}`))).toEqual([]);
    expect(duplicates(d.identifiers.map((i) => i.value))).toEqual([]);
    const patientIds = new Set(d.patients.map((p) => p.id));
    for (const i of d.identifiers) {
      expect(i.clinicId).toBe(d.clinic.id);
      expect(patientIds.has(i.patientId)).toBe(true);
    }
  });

  it("the first demo patient has MRN DPT-10000", () => {
    const dpt = clinicNamed("Demo Physical Therapy");
    expect(dpt.identifiers[0]).toMatchObject({ system: "MRN", value: "DPT-10000", patientId: dpt.patients[0]?.id });
  });

  it("has patients in both English and Spanish", () => {
    const dpt = clinicNamed("Demo Physical Therapy");
    const languages = new Set(dpt.patients.map((p) => p.preferredLanguage));
    expect([...languages].sort()).toEqual(["en", "es"]);
  });

  it.each(demo.map((d) => [d.clinic.name, d] as const))("%s: consents only on channels the patient has", (_name, d) => {
    const byId = new Map(d.patients.map((p) => [p.id, p]));
    expect(d.consents.length).toBeGreaterThan(0);
    for (const c of d.consents) {
      const p = byId.get(c.patientId);
      expect(p, c.patientId).toBeDefined();
      expect(c.clinicId).toBe(d.clinic.id);
      if (c.channel === "sms") expect(p?.phone, `sms consent ${c.id} without a phone`).not.toBeNull();
      if (c.channel === "email") expect(p?.email, `email consent ${c.id} without an email`).not.toBeNull();
    }
  });

  it("has some patients without a phone and some without an email, and none of them has consent on that channel", () => {
    const dpt = clinicNamed("Demo Physical Therapy");
    const noPhone = dpt.patients.filter((p) => p.phone === null).map((p) => p.id);
    const noEmail = dpt.patients.filter((p) => p.email === null).map((p) => p.id);
    expect(noPhone.length).toBeGreaterThan(0);
    expect(noEmail.length).toBeGreaterThan(0);
    expect(dpt.consents.filter((c) => c.channel === "sms" && noPhone.includes(c.patientId))).toEqual([]);
    expect(dpt.consents.filter((c) => c.channel === "email" && noEmail.includes(c.patientId))).toEqual([]);
  });

  it("a later revocation always follows a grant on the same channel", () => {
    for (const d of demo) {
      for (const c of d.consents.filter((x) => x.source === "patient")) {
        expect(c.status).toBe("revoked");
        const earlier = d.consents.filter((x) => x.patientId === c.patientId && x.channel === c.channel && x.recordedAt < c.recordedAt);
        expect(earlier.some((x) => x.status === "granted")).toBe(true);
      }
    }
  });

  it("all ids are unique across every table and clinic", () => {
    const ids = demo.flatMap((d) => [
      d.clinic.id,
      ...d.staff.map((s) => s.id),
      ...d.patients.map((p) => p.id),
      ...d.identifiers.map((i) => i.id),
      ...d.consents.map((c) => c.id),
    ]);
    expect(duplicates(ids)).toEqual([]);
  });

  it("every patient row belongs to its clinic and has a consistent search name", () => {
    for (const d of demo) {
      for (const p of d.patients) {
        expect(p.clinicId).toBe(d.clinic.id);
        expect(p.searchName).toBe(searchNameOf(p.givenName, p.familyName));
      }
    }
  });

  it("every demo patient passes the patient form, as if typed in by staff on that day", () => {
    const schema = patientFormSchema(new Date(now).toISOString().slice(0, 10));
    for (const d of demo) {
      for (const p of d.patients) {
        const result = schema.safeParse(p);
        expect(result.success, `${p.id}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
        expect(result.data?.phone).toBe(p.phone);
      }
    }
  });

  it("every patient time zone is known, and created/updated are in the past", () => {
    for (const d of demo) {
      expect(isTimeZone(d.clinic.timeZone)).toBe(true);
      expect(d.clinic.createdAt).toBeLessThan(now);
      for (const p of d.patients) {
        if (p.timeZone !== null) expect(isTimeZone(p.timeZone)).toBe(true);
        expect(p.createdAt).toBeLessThan(now);
        expect(p.updatedAt).toBeGreaterThanOrEqual(p.createdAt);
      }
    }
  });
});
