import { asc, count, eq, ne, or } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { generateDemo } from "../../../src/demo/generator";
import { adherenceFigures } from "../../../src/hep/dose";
import { exerciseById } from "../../../src/hep/library";
import { apiKeyHash } from "../../../src/integrations/model";
import { fixedClock } from "../../../src/platform/clock";
import { parseVars } from "../../../src/platform/env";
import {
  apiKeys,
  appointmentChanges,
  appointments,
  authorizations,
  availability,
  clinics,
  consents,
  domainEvents,
  episodes,
  hepLogs,
  hepProgramItems,
  integrations,
  messages,
  messageThreads,
  patientIdentifiers,
  patients,
  questionnaireResponses,
  referralSources,
  staffUsers,
  surveyAnswers,
  tasks,
} from "../../../src/platform/schema";
import { localParts } from "../../../src/platform/time";
import { db } from "../../helpers/factories";
import { BASE, env, signIn } from "../../helpers/http";

// The seed writes what the generator makes for the app's clock; pinning the clock lets the test know exactly what that is.
const now = Date.now();
const app = createApp({ vars: { ...parseVars(env), APP_ENV: "development" }, clock: fixedClock(now) });
const seed = (token: string) => app.request(`${BASE}/dev/seed`, { method: "POST", headers: { authorization: `Bearer ${token}` } }, env);
const expected = generateDemo(now);

const tables = {
  staff: staffUsers,
  patients,
  identifiers: patientIdentifiers,
  consents,
  availability,
  referralSources,
  episodes,
  authorizations,
  appointments,
  appointmentChanges,
  tasks,
  domainEvents,
  hepProgramItems,
  hepLogs,
  questionnaireResponses,
  messages,
  messageThreads,
  surveyAnswers,
} as const satisfies Record<string, SQLiteTable & { clinicId: unknown }>;

async function countIn(table: (typeof tables)[keyof typeof tables], clinicId: string) {
  const row = await db().select({ n: count() }).from(table).where(eq(table.clinicId, clinicId)).get();
  return row?.n ?? 0;
}

describe("demo seeding", { timeout: 60_000 }, () => {
  it("seeds both demo clinics once, only with the seed token, and the demo owner can sign in", async () => {
    expect((await seed("wrong-token-wrong-token")).status).toBe(401);

    const first = await seed(env.DEV_SEED_TOKEN);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { seeded: boolean };
    // Each test file has its own storage, so the database starts empty here.
    expect(body.seeded).toBe(true);
    const demo = await db().select().from(clinics).where(eq(clinics.name, "Demo Physical Therapy")).get();
    expect(demo?.timeZone).toBe("America/New_York");
    const n = await db()
      .select({ n: count() })
      .from(patients)
      .where(eq(patients.clinicId, demo?.id ?? ""))
      .get();
    expect(n?.n).toBe(480);
    const second = await db().select().from(clinics).where(eq(clinics.name, "Second Street Rehab")).get();
    expect(second).toBeTruthy();
    const owner = await db().select().from(staffUsers).where(eq(staffUsers.email, "owner@demo-clinic.test")).get();
    expect(owner?.role).toBe("owner");
    const again = (await (await seed(env.DEV_SEED_TOKEN)).json()) as { seeded: boolean };
    expect(again.seeded).toBe(false);
  });

  it.each(expected.map((d) => [d.clinic.name, d] as const))("%s: every table holds exactly the generated rows", async (_name, d) => {
    for (const [key, table] of Object.entries(tables) as [keyof typeof tables, (typeof tables)[keyof typeof tables]][]) {
      expect(await countIn(table, d.clinic.id), key).toBe(d[key].length);
    }
    expect(d.appointments.length).toBeGreaterThan(d.clinic.id === "clinic-demo-pt" ? 2000 : 10);
    // The patient portal's data is there for every clinic, not only the big one.
    expect(d.hepProgramItems.length).toBeGreaterThan(d.clinic.id === "clinic-demo-pt" ? 600 : 5);
    expect(d.hepLogs.length).toBeGreaterThan(d.clinic.id === "clinic-demo-pt" ? 2000 : 20);
    expect(d.questionnaireResponses.length).toBeGreaterThan(d.clinic.id === "clinic-demo-pt" ? 700 : 10);
    // Fifteen months of texts and answers for the demo clinic; a few for the small one.
    expect(d.messages.length).toBeGreaterThan(d.clinic.id === "clinic-demo-pt" ? 5000 : 20);
    expect(d.surveyAnswers.length).toBeGreaterThan(d.clinic.id === "clinic-demo-pt" ? 150 : 0);
  });

  it("portal, message and survey rows of one clinic never name the other clinic's patients or episodes", async () => {
    for (const table of [hepProgramItems, hepLogs, questionnaireResponses, messages, messageThreads, surveyAnswers]) {
      const crossed = await db()
        .select({ n: count() })
        .from(table)
        .innerJoin(patients, eq(patients.id, table.patientId))
        .where(ne(patients.clinicId, table.clinicId))
        .get();
      expect(crossed?.n).toBe(0);
    }
    for (const table of [hepProgramItems, questionnaireResponses, surveyAnswers]) {
      const crossed = await db()
        .select({ n: count() })
        .from(table)
        .innerJoin(episodes, eq(episodes.id, table.episodeId))
        .where(or(ne(episodes.clinicId, table.clinicId), ne(episodes.patientId, table.patientId)))
        .get();
      expect(crossed?.n).toBe(0);
    }
  });

  it("rows read back as generated: booleans, nulls, numbers and text survive the bulk insert", async () => {
    const d = expected[0];
    if (!d) throw new Error("no demo");
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const read = (table: SQLiteTable & { clinicId: SQLiteColumn; id: SQLiteColumn }) =>
      db().select().from(table).where(eq(table.clinicId, d.clinic.id)).orderBy(asc(table.id));
    expect(await read(episodes)).toEqual(byId(d.episodes));
    expect(await read(appointments)).toEqual(byId(d.appointments));
    expect(await read(appointmentChanges)).toEqual(byId(d.appointmentChanges));
    expect(await read(authorizations)).toEqual(byId(d.authorizations));
    expect(await read(availability)).toEqual(byId(d.availability));
    expect(await read(referralSources)).toEqual(byId(d.referralSources));
    expect(await read(tasks)).toEqual(byId(d.tasks));
    expect(await read(domainEvents)).toEqual(byId(d.domainEvents));
    expect(await read(hepProgramItems)).toEqual(byId(d.hepProgramItems));
    expect(await read(hepLogs)).toEqual(byId(d.hepLogs));
    expect(await read(questionnaireResponses)).toEqual(byId(d.questionnaireResponses));
    expect(await read(messages)).toEqual(byId(d.messages));
    expect(await read(messageThreads)).toEqual(byId(d.messageThreads));
    expect(await read(surveyAnswers)).toEqual(byId(d.surveyAnswers));
    const staff = await read(staffUsers);
    expect(staff).toEqual(byId(d.staff).map((s) => expect.objectContaining(s)));
    expect(staff.every((s) => s.active === true)).toBe(true);
    const people = await read(patients);
    expect(people).toEqual(byId(d.patients).map((p) => expect.objectContaining(p)));
  });

  it("the demo owner sees a patient's episode on the patient page; the other clinic gets a 404", async () => {
    const d = expected[0];
    if (!d) throw new Error("no demo");
    const open = d.episodes.filter((e) => e.status === "open");
    const attended = (episodeId: string) => d.appointments.filter((a) => a.episodeId === episodeId && a.status === "attended").length;
    const episode = open.find(
      (e) => attended(e.id) > 0 && /^[A-Za-z ]+$/.test(`${d.patients.find((p) => p.id === e.patientId)?.familyName}`),
    );
    const patient = d.patients.find((p) => p.id === episode?.patientId);
    if (!episode || !patient) throw new Error("no patient with an open episode");

    const owner = await signIn("owner@demo-clinic.test");
    const res = await owner.get(`/patients/${patient.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(patient.familyName);
    expect(html).toContain(episode.diagnosis);
    expect(html).toContain(`${attended(episode.id)} of ${episode.visitsPrescribed} visits`);

    const elsewhere = await signIn("owner@second-clinic.test");
    expect((await elsewhere.get(`/patients/${patient.id}`)).status).toBe(404);
  });

  it("the demo owner sees a patient's home exercises, adherence and check-ins; the other clinic gets a 404", async () => {
    const d = expected[0];
    if (!d) throw new Error("no demo");
    const today = localParts(now, d.clinic.timeZone).date;
    const open = new Set(d.episodes.filter((e) => e.status === "open").map((e) => e.patientId));
    const patient = d.patients.find(
      (p) =>
        open.has(p.id) &&
        p.timeZone === null &&
        d.hepProgramItems.some((r) => r.patientId === p.id && r.endedAt === null) &&
        d.questionnaireResponses.some((r) => r.patientId === p.id && r.kind === "check_in" && r.note === null),
    );
    if (!patient) throw new Error("no patient with a program");
    const items = d.hepProgramItems.filter((r) => r.patientId === patient.id);
    const logs = d.hepLogs
      .filter((l) => l.patientId === patient.id)
      .map((l) => ({ date: l.date, exerciseId: l.exerciseId, at: l.loggedAt }));
    const figures = adherenceFigures({ items }, logs, today);
    if (!figures) throw new Error("nothing prescribed");

    const owner = await signIn("owner@demo-clinic.test");
    const res = await owner.get(`/patients/${patient.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`${figures.percent}% — ${figures.done} of ${figures.prescribed} sessions`);
    for (const r of items.filter((x) => x.endedAt === null)) expect(html).toContain(exerciseById(r.exerciseId)?.name ?? r.exerciseId);
    expect(html).not.toContain("No pain check-in yet.");

    const elsewhere = await signIn("owner@second-clinic.test");
    expect((await elsewhere.get(`/patients/${patient.id}`)).status).toBe(404);
  });
});

describe("the demo EHR integration", () => {
  it("the demo clinic has `demo-ehr` with the secret and API key from the vars (kept on a second start); the second clinic has none", async () => {
    // Seeding ran above; a second start (seed call) must neither duplicate nor fail.
    expect((await seed(env.DEV_SEED_TOKEN)).status).toBe(200);
    const rows = await db().select().from(integrations);
    expect(rows.map((r) => [r.id, r.clinicId, r.signatureScheme, r.secret])).toEqual([
      ["demo-ehr", "clinic-demo-pt", "standard_webhooks", env.DEMO_EHR_SECRET],
    ]);
    const keys = await db().select().from(apiKeys);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.keyHash).toBe(await apiKeyHash(env.DEMO_API_KEY));
    expect(keys[0]?.clinicId).toBe("clinic-demo-pt");
    // The key itself is never stored.
    expect(JSON.stringify(keys)).not.toContain(env.DEMO_API_KEY);
  });
});
