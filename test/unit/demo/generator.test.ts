import { describe, expect, it } from "vitest";
import { isTimeZone } from "../../../src/clinics/model";
import { staffRoles } from "../../../src/clinics/tables";
import { HISTORY_DAYS } from "../../../src/demo/care";
import { type DemoClinic, demoLogins, generateDemo } from "../../../src/demo/generator";
import { givenNames } from "../../../src/demo/names";
import { authorizationState } from "../../../src/episodes/model";
import { bodyRegions } from "../../../src/episodes/tables";
import { searchNameOf, toE164 } from "../../../src/patients/model";
import { patientFormSchema } from "../../../src/patients/schemas";
import { addDays, localParts, minutesOf } from "../../../src/platform/time";
import { withinAvailability } from "../../../src/scheduling/model";

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

  it("builds Demo Physical Therapy with 480 patients in America/New_York", () => {
    const dpt = clinicNamed("Demo Physical Therapy");
    expect(dpt.patients).toHaveLength(480);
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
      ...d.availability.map((a) => a.id),
      ...d.referralSources.map((r) => r.id),
      ...d.episodes.map((e) => e.id),
      ...d.authorizations.map((a) => a.id),
      ...d.appointments.map((a) => a.id),
      ...d.appointmentChanges.map((c) => c.id),
      ...d.tasks.map((t) => t.id),
      ...d.domainEvents.map((e) => e.id),
      ...d.hepProgramItems.map((r) => r.id),
      ...d.hepLogs.map((r) => r.id),
      ...d.questionnaireResponses.map((r) => r.id),
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

// ---- Clinic core: therapists, referral sources, episodes, visits, authorizations, tasks, history ----

const TZ = "America/New_York";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Appointment = DemoClinic["appointments"][number];

/** NPI check: Luhn over the card-issuer prefix 80840 and all ten digits (written here, not imported, so it checks the generator). */
function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split("").map(Number);
  let sum = 0;
  digits.reverse().forEach((d, i) => {
    const v = i % 2 === 1 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  });
  return sum % 10 === 0;
}

function byKey<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}

function attendedByEpisode(d: DemoClinic): Map<string, Appointment[]> {
  return byKey(
    d.appointments.filter((a) => a.status === "attended" && a.episodeId !== null),
    (a) => a.episodeId ?? "",
  );
}

const dpt = clinicNamed("Demo Physical Therapy");
const ssr = clinicNamed("Second Street Rehab");
const today = localParts(now, TZ).date;

describe("isValidNpi (the test's own checker)", () => {
  it("accepts the CMS example and rejects a wrong check digit", () => {
    expect(isValidNpi("1234567893")).toBe(true);
    expect(isValidNpi("1234567890")).toBe(false);
    expect(isValidNpi("123456789")).toBe(false);
  });
});

describe("demo staff and people", () => {
  it("a patient's sex matches the list their first name comes from", () => {
    for (const d of demo) {
      for (const p of d.patients) {
        const lists = givenNames[p.preferredLanguage];
        const female = (lists.female as readonly string[]).includes(p.givenName);
        const male = (lists.male as readonly string[]).includes(p.givenName);
        expect(female || male, `${p.givenName} is in no list`).toBe(true);
        if (p.sex === "female") expect(female, `${p.givenName} (female)`).toBe(true);
        if (p.sex === "male") expect(male, `${p.givenName} (male)`).toBe(true);
      }
    }
  });

  it("Demo Physical Therapy has three therapists, the two known ones among them", () => {
    const therapists = dpt.staff.filter((s) => s.role === "therapist");
    expect(therapists).toHaveLength(3);
    expect(therapists).toContainEqual(expect.objectContaining({ email: "therapist@demo-clinic.test", name: "Theresa Therapist" }));
    expect(therapists).toContainEqual(expect.objectContaining({ email: "therapist2@demo-clinic.test", name: "Tomás Terapeuta" }));
  });

  it("each therapist works Monday to Friday in valid local hours, and one works Saturday morning", () => {
    const therapists = dpt.staff.filter((s) => s.role === "therapist");
    for (const t of therapists) {
      const rows = dpt.availability.filter((a) => a.therapistId === t.id);
      expect(new Set(rows.filter((r) => r.weekday <= 5).map((r) => r.weekday)), t.name).toEqual(new Set([1, 2, 3, 4, 5]));
      for (const r of rows) {
        expect(r.clinicId).toBe(dpt.clinic.id);
        expect(r.weekday).toBeGreaterThanOrEqual(1);
        expect(r.weekday).toBeLessThanOrEqual(7);
        expect(r.startTime).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect(r.endTime).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        expect(minutesOf(r.endTime)).toBeGreaterThan(minutesOf(r.startTime));
      }
    }
    const saturday = dpt.availability.filter((a) => a.weekday === 6);
    expect(new Set(saturday.map((a) => a.therapistId)).size).toBe(1);
    for (const a of saturday) expect(minutesOf(a.endTime)).toBeLessThanOrEqual(13 * 60);
    expect(dpt.availability.filter((a) => a.weekday === 7)).toEqual([]);
  });

  it("Second Street Rehab has one therapist with hours, and its own episodes and visits", () => {
    const therapists = ssr.staff.filter((s) => s.role === "therapist");
    expect(therapists).toHaveLength(1);
    expect(ssr.availability.length).toBeGreaterThan(0);
    expect(ssr.availability.every((a) => a.therapistId === therapists[0]?.id)).toBe(true);
    expect(ssr.episodes.length).toBeGreaterThanOrEqual(3);
    expect(ssr.episodes.length).toBeLessThanOrEqual(20);
    expect(ssr.appointments.length).toBeGreaterThan(10);
    expect(ssr.appointments.some((a) => a.startsAt > now)).toBe(true);
  });

  it("no row of one clinic mentions an id of the other", () => {
    const idsOf = (d: DemoClinic) =>
      new Set([
        ...d.staff.map((s) => s.id),
        ...d.patients.map((p) => p.id),
        ...d.episodes.map((e) => e.id),
        ...d.referralSources.map((r) => r.id),
        ...d.appointments.map((a) => a.id),
      ]);
    for (const [mine, theirs] of [
      [dpt, ssr],
      [ssr, dpt],
    ] as const) {
      const foreign = idsOf(theirs);
      const text = JSON.stringify({ ...mine, clinic: null });
      const mentioned = [...foreign].filter((id) => text.includes(`"${id}"`));
      expect(mentioned, `${mine.clinic.name} mentions ${theirs.clinic.name}`).toEqual([]);
    }
  });
});

describe("referral sources", () => {
  it("about ten physicians and practices with valid, distinct NPIs, plus Self-referral", () => {
    const pros = dpt.referralSources.filter((r) => r.kind === "physician" || r.kind === "practice");
    expect(pros.length).toBeGreaterThanOrEqual(8);
    expect(pros.length).toBeLessThanOrEqual(12);
    for (const r of pros) expect(isValidNpi(r.npi ?? ""), `${r.name} ${r.npi}`).toBe(true);
    const npis = demo.flatMap((d) => d.referralSources.map((r) => r.npi)).filter((n): n is string => n !== null);
    expect(duplicates(npis)).toEqual([]);
    expect(dpt.referralSources.filter((r) => r.kind === "self")).toEqual([expect.objectContaining({ name: "Self-referral", npi: null })]);
  });

  it("physicians belong to a practice; phones are fictional 555-01xx numbers no patient has", () => {
    const patientPhones = new Set(demo.flatMap((d) => d.patients.map((p) => p.phone)));
    for (const d of demo) {
      for (const r of d.referralSources) {
        expect(r.clinicId).toBe(d.clinic.id);
        if (r.kind === "physician") expect(r.practice, r.name).toBeTruthy();
        for (const phone of [r.phone, r.fax]) {
          if (phone === null) continue;
          expect(phone).toMatch(/^\+1\d{3}55501\d{2}$/);
          expect(patientPhones.has(phone)).toBe(false);
          expect(phone).not.toBe(d.clinic.phone);
        }
      }
    }
  });

  it("most episodes come from a physician or practice, some are self-referred", () => {
    const kindOf = new Map(dpt.referralSources.map((r) => [r.id, r.kind]));
    const kinds = dpt.episodes.map((e) => kindOf.get(e.referralSourceId ?? ""));
    expect(kinds.every((k) => k !== undefined)).toBe(true);
    const self = kinds.filter((k) => k === "self").length;
    expect(self).toBeGreaterThan(dpt.episodes.length * 0.08);
    expect(self).toBeLessThan(dpt.episodes.length * 0.35);
  });
});

describe("episodes of care", () => {
  it("each patient has 0-2 episodes, at most one open, and a later one starts after the earlier is discharged", () => {
    for (const d of demo) {
      const patientIds = new Set(d.patients.map((p) => p.id));
      for (const [patientId, episodes] of byKey(d.episodes, (e) => e.patientId)) {
        expect(patientIds.has(patientId)).toBe(true);
        expect(episodes.length).toBeLessThanOrEqual(2);
        expect(episodes.filter((e) => e.status === "open").length).toBeLessThanOrEqual(1);
        const [first, second] = [...episodes].sort((a, b) => a.startDate.localeCompare(b.startDate));
        if (first && second) {
          expect(first.status).toBe("discharged");
          expect(first.dischargedAt ?? Number.POSITIVE_INFINITY).toBeLessThan(second.createdAt);
        }
      }
    }
    expect(dpt.patients.filter((p) => !dpt.episodes.some((e) => e.patientId === p.id)).length).toBeGreaterThan(0);
  });

  it("plans of care are realistic: 8-24 visits, 2-3 a week, 4-10 weeks, goals, an ICD-10 code and a known body region", () => {
    for (const d of demo) {
      for (const e of d.episodes) {
        expect(e.clinicId).toBe(d.clinic.id);
        expect(e.visitsPrescribed).toBeGreaterThanOrEqual(8);
        expect(e.visitsPrescribed).toBeLessThanOrEqual(24);
        expect([2, 3]).toContain(e.frequencyPerWeek);
        expect(e.durationWeeks).toBeGreaterThanOrEqual(4);
        expect(e.durationWeeks).toBeLessThanOrEqual(10);
        expect(e.goals.trim().length).toBeGreaterThan(10);
        expect(e.icd10Code ?? "").toMatch(/^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/);
        expect(bodyRegions).toContain(e.bodyRegion);
        expect(e.diagnosis.length).toBeGreaterThan(3);
        // Fifteen months of history (care.ts HISTORY_DAYS), and no episode before the clinic opened.
        expect(e.startDate >= addDays(today, -(HISTORY_DAYS + 30)) && e.startDate <= today, e.startDate).toBe(true);
        expect(e.createdAt).toBeGreaterThan(d.clinic.createdAt);
        expect(e.createdAt).toBeLessThan(now);
      }
    }
  });

  it("the usual conditions are there", () => {
    const codes = new Set(dpt.episodes.map((e) => e.icd10Code));
    for (const code of ["M54.50", "M17.11", "M75.101", "S93.401A", "M54.2", "Z47.89"]) expect(codes.has(code), code).toBe(true);
  });

  it("discharged episodes have a reason and a time after their last visit; open ones have neither", () => {
    const visits = byKey(dpt.appointments, (a) => a.episodeId ?? "");
    for (const e of dpt.episodes) {
      if (e.status === "open") {
        expect(e.dischargeReason).toBeNull();
        expect(e.dischargedAt).toBeNull();
        continue;
      }
      expect(e.dischargeReason).not.toBeNull();
      expect(e.dischargedAt ?? now).toBeLessThan(now);
      for (const a of visits.get(e.id) ?? []) expect(a.endsAt, `${e.id} visit ${a.id}`).toBeLessThanOrEqual(e.dischargedAt ?? 0);
    }
  });

  it("has completed episodes and drop-outs, both discharged and quietly lapsing", () => {
    const reasons = dpt.episodes.map((e) => e.dischargeReason);
    expect(reasons.filter((r) => r === "goals_met" || r === "plan_completed").length).toBeGreaterThan(80);
    expect(reasons.filter((r) => r === "dropped_out").length).toBeGreaterThan(15);
    const future = new Set(dpt.appointments.filter((a) => a.startsAt >= now).map((a) => a.episodeId));
    const lapsing = dpt.episodes.filter((e) => e.status === "open" && !future.has(e.id));
    expect(lapsing.length).toBeGreaterThanOrEqual(3);
    expect(lapsing.length).toBeLessThanOrEqual(15);
  });

  it("completed episodes attended most of their plan, drop-outs fewer", () => {
    const attended = attendedByEpisode(dpt);
    for (const e of dpt.episodes) {
      const n = attended.get(e.id)?.length ?? 0;
      if (e.dischargeReason === "plan_completed") expect(n).toBeGreaterThanOrEqual(e.visitsPrescribed);
      if (e.dischargeReason === "goals_met") expect(n).toBeGreaterThanOrEqual(Math.ceil(e.visitsPrescribed / 4));
    }
  });
});

describe("visits: outcomes over six months", () => {
  const past = dpt.appointments.filter((a) => a.endsAt <= now);
  const share = (status: string) => past.filter((a) => a.status === status).length / past.length;

  it("has several thousand past visits, most of them attended", () => {
    expect(past.length).toBeGreaterThan(2000);
    expect(share("attended")).toBeGreaterThan(0.8);
  });

  it("has cancellations (about 8%) and no-shows (about 5%), more of both early in a plan", () => {
    expect(share("cancelled")).toBeGreaterThan(0.05);
    expect(share("cancelled")).toBeLessThan(0.12);
    expect(share("no_show")).toBeGreaterThan(0.03);
    expect(share("no_show")).toBeLessThan(0.09);
    const visits = byKey(past, (a) => a.episodeId ?? "");
    let early = 0;
    let earlyMissed = 0;
    let late = 0;
    let lateMissed = 0;
    for (const list of visits.values()) {
      list.sort((a, b) => a.startsAt - b.startsAt);
      list.forEach((a, i) => {
        const missed = a.status === "cancelled" || a.status === "no_show" ? 1 : 0;
        if (i < 3) [early, earlyMissed] = [early + 1, earlyMissed + missed];
        else [late, lateMissed] = [late + 1, lateMissed + missed];
      });
    }
    expect(earlyMissed / early).toBeGreaterThan(lateMissed / late);
  });

  it("cancelled visits say why; others do not", () => {
    for (const a of dpt.appointments) {
      if (a.status === "cancelled") expect(a.cancelReason, a.id).toBeTruthy();
      else expect(a.cancelReason).toBeNull();
    }
  });
});

describe("authorizations", () => {
  const episodes = new Map(dpt.episodes.map((e) => [e.id, e]));
  const attended = attendedByEpisode(dpt);
  const stateOf = (a: DemoClinic["authorizations"][number]) => {
    const used = (attended.get(a.episodeId) ?? []).filter((v) => {
      const date = localParts(v.startsAt, TZ).date;
      return date >= a.startDate && date <= a.endDate;
    }).length;
    return authorizationState(a, used, today);
  };

  it("cover about 60% of episodes, from the usual payers, for their patient", () => {
    expect(dpt.authorizations.length / dpt.episodes.length).toBeGreaterThan(0.5);
    expect(dpt.authorizations.length / dpt.episodes.length).toBeLessThan(0.7);
    const payers = new Set(dpt.authorizations.map((a) => a.payer));
    expect([...payers].sort()).toEqual(["Aetna", "Blue Cross Blue Shield", "Cigna", "Medicare", "UnitedHealthcare"]);
    for (const a of dpt.authorizations) {
      const e = episodes.get(a.episodeId);
      expect(e, a.id).toBeDefined();
      expect(a.patientId).toBe(e?.patientId);
      expect(a.visitsAuthorized).toBeGreaterThan(0);
      expect(a.endDate >= a.startDate).toBe(true);
    }
    expect(dpt.authorizations.some((a) => a.visitsAuthorized < (episodes.get(a.episodeId)?.visitsPrescribed ?? 0))).toBe(true);
  });

  it("a few open episodes are at two visits or fewer, and a few authorizations end within ten days", () => {
    const open = dpt.authorizations.filter((a) => episodes.get(a.episodeId)?.status === "open");
    const low = open.filter((a) => stateOf(a).visitsLow && !stateOf(a).expired);
    const ending = open.filter((a) => stateOf(a).expiringSoon);
    expect(low.length).toBeGreaterThanOrEqual(2);
    expect(low.length).toBeLessThanOrEqual(20);
    expect(ending.length).toBeGreaterThanOrEqual(2);
    expect(ending.length).toBeLessThanOrEqual(15);
  });

  it("open tasks cover those authorizations, under the keys the rules use", () => {
    const keys = new Set(dpt.tasks.map((t) => t.ruleKey));
    const open = dpt.authorizations.filter((a) => episodes.get(a.episodeId)?.status === "open");
    for (const a of open.filter((x) => stateOf(x).expiringSoon)) expect(keys.has(`authorization-expiry:${a.id}`), a.id).toBe(true);
    for (const a of open.filter((x) => stateOf(x).visitsLow && !stateOf(x).expired && (attended.get(x.episodeId)?.length ?? 0) > 0)) {
      expect(keys.has(`authorization-visits:${a.id}`), a.id).toBe(true);
    }
  });
});

describe("worklist", () => {
  const open = dpt.tasks.filter((t) => t.status === "open");
  const frontDesk = dpt.staff.find((s) => s.role === "front_desk")?.id;

  it("has open tasks of the expected kinds, some for the front desk, some due today or overdue", () => {
    const types = new Set(open.map((t) => t.type));
    for (const type of ["call_to_schedule", "authorization_expiring", "progress_note_due", "other"] as const)
      expect(types.has(type), type).toBe(true);
    expect(open.some((t) => t.assigneeId === frontDesk)).toBe(true);
    expect(open.some((t) => t.dueDate === today)).toBe(true);
    expect(open.some((t) => t.dueDate < today)).toBe(true);
    expect(open.length).toBeLessThan(60);
  });

  it("every lapsing patient has an open call-to-schedule task", () => {
    const future = new Set(dpt.appointments.filter((a) => a.startsAt >= now).map((a) => a.episodeId));
    const calls = new Set(open.filter((t) => t.type === "call_to_schedule").map((t) => t.patientId));
    for (const e of dpt.episodes.filter((x) => x.status === "open" && !future.has(x.id)))
      expect(calls.has(e.patientId), e.patientId).toBe(true);
  });

  it("an open progress note is due for an open episode that reached a multiple of ten attended visits", () => {
    const attended = attendedByEpisode(dpt);
    const notes = open.filter((t) => t.type === "progress_note_due");
    expect(notes.length).toBeGreaterThan(0);
    for (const t of notes) {
      const [, episodeId, n] = (t.ruleKey ?? "").split(":");
      const e = dpt.episodes.find((x) => x.id === episodeId);
      expect(e?.status, t.ruleKey ?? "").toBe("open");
      expect(Number(n) % 10).toBe(0);
      expect(attended.get(episodeId ?? "")?.length ?? 0).toBeGreaterThanOrEqual(Number(n));
    }
  });

  it("done tasks say what came of them; rule keys are unique; every task belongs to the clinic", () => {
    const done = dpt.tasks.filter((t) => t.status === "done");
    expect(done.length).toBeGreaterThan(3);
    for (const t of done) {
      expect(t.outcomeNote, t.id).toBeTruthy();
      expect(t.completedAt ?? now + 1).toBeLessThanOrEqual(now);
      expect(t.completedAt ?? 0).toBeGreaterThanOrEqual(t.createdAt);
    }
    for (const t of open) expect(t.completedAt).toBeNull();
    expect(duplicates(dpt.tasks.map((t) => t.ruleKey).filter((k) => k !== null))).toEqual([]);
    const patientIds = new Set(dpt.patients.map((p) => p.id));
    const staffIds = new Set(dpt.staff.map((s) => s.id));
    for (const t of dpt.tasks) {
      expect(t.patientId === null || patientIds.has(t.patientId)).toBe(true);
      expect(t.assigneeId === null || staffIds.has(t.assigneeId)).toBe(true);
      expect(t.createdAt).toBeLessThanOrEqual(now);
      expect(t.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

// The schedule must hold on any day the demo is started: weekdays, weekends, both DST changes, early and late.
const moments: [string, number][] = [
  ["Friday 09:30 (the fixed test day)", now],
  ["Monday 06:00, before opening", Date.parse("2026-11-30T11:00:00Z")],
  ["Saturday 10:00", Date.parse("2026-11-28T15:00:00Z")],
  ["Sunday 10:00", Date.parse("2026-11-29T15:00:00Z")],
  ["Monday after the spring DST change", Date.parse("2026-03-09T13:00:00Z")],
  ["Monday after the fall DST change, 17:30", Date.parse("2026-11-02T22:30:00Z")],
];

describe.each(moments)("schedule generated on %s", (_label, at) => {
  const clinicsAt = at === now ? demo : generateDemo(at);
  const dptAt = clinicsAt[0] as DemoClinic;
  const todayAt = localParts(at, TZ).date;

  it.each(clinicsAt.map((d) => [d.clinic.name, d] as const))("%s: no therapist is ever double-booked", (_name, d) => {
    for (const [therapistId, list] of byKey(d.appointments, (a) => a.therapistId)) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i] as Appointment;
          const b = list[j] as Appointment;
          if (a.startsAt < b.endsAt && b.startsAt < a.endsAt) expect.fail(`${therapistId}: ${a.id} overlaps ${b.id}`);
        }
      }
    }
  });

  it.each(clinicsAt.map((d) => [d.clinic.name, d] as const))(
    "%s: every visit lies inside its therapist's hours in America/New_York",
    (_name, d) => {
      const hours = byKey(d.availability, (a) => a.therapistId);
      for (const a of d.appointments) {
        const windows = hours.get(a.therapistId) ?? [];
        expect(withinAvailability(a, windows, TZ), `${a.id} at ${new Date(a.startsAt).toISOString()}`).toBe(true);
        // And read back as local wall-clock time, independently of the app's helper.
        const start = localParts(a.startsAt, TZ);
        const end = localParts(a.endsAt, TZ);
        const fits = windows.some(
          (w) =>
            w.weekday === start.weekday &&
            start.minutes >= minutesOf(w.startTime) &&
            end.minutes <= minutesOf(w.endTime) &&
            end.date === start.date,
        );
        expect(fits, `${a.id} ${start.date} ${start.time}-${end.time}`).toBe(true);
        expect(a.outsideAvailability).toBe(false);
        expect(a.durationMinutes).toBe((a.endsAt - a.startsAt) / 60_000);
        expect(a.durationMinutes).toBe(a.type === "evaluation" ? 60 : 45);
      }
    },
  );

  it.each(clinicsAt.map((d) => [d.clinic.name, d] as const))(
    "%s: each visit's patient, episode and therapist belong to the clinic",
    (_name, d) => {
      const patients = new Set(d.patients.map((p) => p.id));
      const therapists = new Set(d.staff.filter((s) => s.role === "therapist").map((s) => s.id));
      const episodes = new Map(d.episodes.map((e) => [e.id, e]));
      for (const a of d.appointments) {
        expect(a.clinicId).toBe(d.clinic.id);
        expect(patients.has(a.patientId), a.id).toBe(true);
        expect(therapists.has(a.therapistId), a.id).toBe(true);
        expect(episodes.get(a.episodeId ?? "")?.patientId, a.id).toBe(a.patientId);
      }
    },
  );

  it.each(clinicsAt.map((d) => [d.clinic.name, d] as const))("%s: no patient is in two places at once", (_name, d) => {
    for (const [patientId, list] of byKey(d.appointments, (a) => a.patientId)) {
      list.sort((a, b) => a.startsAt - b.startsAt);
      for (let i = 1; i < list.length; i++)
        expect((list[i] as Appointment).startsAt, patientId).toBeGreaterThanOrEqual((list[i - 1] as Appointment).endsAt);
    }
  });

  it("attended visits never exceed the plan by more than two", () => {
    const attended = attendedByEpisode(dptAt);
    for (const e of dptAt.episodes) expect(attended.get(e.id)?.length ?? 0, e.id).toBeLessThanOrEqual(e.visitsPrescribed + 2);
  });

  it("statuses agree with now: past visits settled, the one under way arrived, later ones booked or confirmed", () => {
    for (const d of clinicsAt) {
      for (const a of d.appointments) {
        if (a.startsAt >= at) expect(["booked", "confirmed"], a.id).toContain(a.status);
        else if (a.endsAt <= at) expect(["attended", "cancelled", "no_show"], a.id).toContain(a.status);
        else expect(["arrived", "cancelled"], a.id).toContain(a.status);
      }
    }
  });

  it("the first visit of every episode is its evaluation, and there are none once one has been attended (or is under way)", () => {
    for (const list of byKey(dptAt.appointments, (a) => a.episodeId ?? "").values()) {
      list.sort((a, b) => a.startsAt - b.startsAt);
      expect(list[0]?.type).toBe("evaluation");
      const firstAttended = list.findIndex((a) => a.status === "attended" || a.status === "arrived");
      if (firstAttended >= 0) expect(list.slice(firstAttended + 1).filter((a) => a.type === "evaluation")).toEqual([]);
    }
  });

  it("90-120 open episodes have a visit booked in the next two weeks; closed ones have none", () => {
    const ahead = dptAt.appointments.filter((a) => a.startsAt >= at && a.startsAt < at + 14 * DAY);
    const withVisit = new Set(ahead.map((a) => a.episodeId));
    const open = dptAt.episodes.filter((e) => e.status === "open" && withVisit.has(e.id));
    expect(open.length).toBeGreaterThanOrEqual(90);
    expect(open.length).toBeLessThanOrEqual(120);
    const closed = new Set(dptAt.episodes.filter((e) => e.status === "discharged").map((e) => e.id));
    expect(dptAt.appointments.filter((a) => a.startsAt >= at && closed.has(a.episodeId ?? ""))).toEqual([]);
    expect(dptAt.appointments.filter((a) => a.startsAt >= at + 14 * DAY)).toEqual([]);
  });

  it("today's diary is full on a weekday, Saturday morning for one therapist, empty on Sunday", () => {
    const weekday = localParts(at, TZ).weekday;
    for (const t of dptAt.staff.filter((s) => s.role === "therapist")) {
      const todays = dptAt.appointments.filter((a) => a.therapistId === t.id && localParts(a.startsAt, TZ).date === todayAt);
      const works = dptAt.availability.some((w) => w.therapistId === t.id && w.weekday === weekday);
      if (!works) expect(todays, t.name).toEqual([]);
      else if (weekday <= 5) {
        expect(todays.length, t.name).toBeGreaterThanOrEqual(8);
        expect(todays.length, t.name).toBeLessThanOrEqual(13);
      } else expect(todays.length, t.name).toBeGreaterThanOrEqual(3);
    }
  });

  it("each appointment has its booking in the change history, and its final status where it changed", () => {
    for (const d of clinicsAt) {
      const changes = byKey(d.appointmentChanges, (c) => c.appointmentId);
      expect(d.appointmentChanges.length).toBe(d.appointments.length + d.appointments.filter((a) => a.status !== "booked").length);
      for (const a of d.appointments) {
        const [booked, final, extra] = [...(changes.get(a.id) ?? [])].sort((x, y) => x.at - y.at);
        expect(booked, a.id).toMatchObject({
          fromStatus: null,
          toStatus: "booked",
          toStartsAt: a.startsAt,
          at: a.createdAt,
          actorType: "system",
          actorId: "demo-seed",
        });
        if (a.status === "booked") expect(final).toBeUndefined();
        else
          expect(final, a.id).toMatchObject({
            fromStatus: "booked",
            toStatus: a.status,
            at: a.updatedAt,
            actorType: "system",
            actorId: "demo-seed",
          });
        expect(extra).toBeUndefined();
        expect(a.createdAt).toBeLessThanOrEqual(Math.min(at, a.startsAt));
        expect(a.updatedAt).toBeGreaterThanOrEqual(a.createdAt);
        expect(a.updatedAt).toBeLessThanOrEqual(at);
      }
    }
  });

  it("domain events tell each patient's story, with the payload keys the services use, already delivered", () => {
    for (const d of clinicsAt) {
      const events = byKey(d.domainEvents, (e) => e.type);
      expect(events.get("episode.started")?.length).toBe(d.episodes.length);
      expect(events.get("appointment.booked")?.length).toBe(d.appointments.length);
      expect(events.get("episode.discharged")?.length ?? 0).toBe(d.episodes.filter((e) => e.status === "discharged").length);
      for (const status of ["attended", "cancelled", "no_show", "confirmed", "arrived"] as const) {
        expect(events.get(`appointment.${status}`)?.length ?? 0, status).toBe(d.appointments.filter((a) => a.status === status).length);
      }
      const patientIds = new Set(d.patients.map((p) => p.id));
      for (const e of d.domainEvents) {
        expect(e.clinicId).toBe(d.clinic.id);
        expect(patientIds.has(e.patientId ?? "")).toBe(true);
        expect(e.deliveredAt).toBe(e.occurredAt);
        expect(e.occurredAt).toBeLessThanOrEqual(at);
        expect(e).toMatchObject({ actorType: "system", actorId: "demo-seed" });
        const payload = JSON.parse(e.payload) as Record<string, unknown>;
        const keys = Object.keys(payload).sort();
        if (e.type.startsWith("appointment.")) {
          const expected = ["appointmentId", "appointmentType", "endsAt", "episodeId", "startsAt", "therapistId"];
          expect(keys).toEqual(e.type === "appointment.booked" ? expected : [...expected, "from"].sort());
        } else if (e.type === "episode.started") {
          expect(keys).toEqual(["bodyRegion", "episodeId", "frequencyPerWeek", "referralSourceId", "visitsPrescribed"]);
        } else if (e.type === "episode.discharged") {
          expect(keys).toEqual(["episodeId", "reason", "visitsAttended", "visitsPrescribed"]);
        } else if (e.type === "hep.program_changed") {
          expect(keys).toEqual(["change", "episodeId", "exerciseId", "intervalDays", "itemId", "items"]);
        } else if (e.type === "checkin.recorded") {
          expect(keys).toEqual(["baseline", "score"]);
        } else if (e.type === "questionnaire.completed") {
          expect(keys).toEqual(["instrumentId", "responseId", "score"]);
        } else if (e.type === "message.received") {
          expect(keys).toEqual(["channel", "intent", "messageId"]);
        } else if (e.type === "survey.answered") {
          expect(keys).toEqual(["answerId", "category", "changed", "channel", "episodeId", "score"]);
        } else {
          expect(e.type).toBe("authorization.added");
          expect(keys).toEqual(["authorizationId", "episodeId", "visitsAuthorized"]);
        }
      }
    }
  });
});
