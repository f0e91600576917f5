import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { EXERCISES } from "../../../src/hep/library";
import { newId } from "../../../src/platform/ids";
import { hepLogs, hepProgramItems, messages, questionnaireResponses } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { outcomesSetup } from "../outcomes/setup";

const MAX_PAGE_BYTES = 50 * 1024;
const DAY = 86_400_000;

/** A patient deep into care: a long program, months of logs, check-ins and questionnaires, a long thread. */
async function heavyPatient(lang: "en" | "es") {
  const t = await outcomesSetup({ lang, region: "knee" });
  const now = Date.now();
  const base = { clinicId: t.clinic.id, patientId: t.patient.id };
  const start = new Date(now - 120 * DAY).toISOString().slice(0, 10);
  const items = EXERCISES.filter((e) => e.bodyRegions.includes("knee") || e.bodyRegions.includes("hip")).slice(0, 10);
  for (const e of items) {
    await db()
      .insert(hepProgramItems)
      .values({ ...base, id: newId(), exerciseId: e.id, ...e.defaults, startDate: start, createdAt: now });
  }
  const logs = Array.from({ length: 240 }, (_, i) => ({
    ...base,
    id: newId(),
    exerciseId: items[i % items.length]?.id ?? "session",
    date: new Date(now - Math.floor(i / 2) * DAY).toISOString().slice(0, 10),
    loggedAt: now - Math.floor(i / 2) * DAY,
  }));
  // D1 binds at most 100 parameters a statement.
  for (let i = 0; i < logs.length; i += 12)
    await db()
      .insert(hepLogs)
      .values(logs.slice(i, i + 12));
  const resource = JSON.stringify({ resourceType: "QuestionnaireResponse", status: "completed", item: [] });
  const responses = [
    ...Array.from({ length: 120 }, (_, i) => ({
      kind: "check_in" as const,
      instrumentId: "nprs" as const,
      score: 8 - (i % 7),
      note: "Stairs were hard today after work, knee swelled a little in the evening.".repeat(3),
      authoredAt: now - i * DAY,
    })),
    ...Array.from({ length: 24 }, (_, i) => ({
      kind: "questionnaire" as const,
      instrumentId: (["lefs", "psfs"] as const)[i % 2] ?? "lefs",
      score: i % 2 === 0 ? 30 + i : 3 + (i % 5),
      note: null,
      authoredAt: now - i * 5 * DAY,
    })),
  ].map((r) => ({ ...base, ...r, id: newId(), episodeId: t.episodeId, resource, source: "portal" as const }));
  for (let i = 0; i < responses.length; i += 6)
    await db()
      .insert(questionnaireResponses)
      .values(responses.slice(i, i + 6));
  const thread = Array.from({ length: 150 }, (_, i) => ({
    ...base,
    id: newId(),
    direction: i % 2 === 0 ? ("inbound" as const) : ("outbound" as const),
    channel: "portal" as const,
    category: "staff" as const,
    toAddress: "portal",
    body: "A fairly long message about how the exercises are going and when the next visit is. ".repeat(11).slice(0, 1000),
    status: i % 2 === 0 ? ("received" as const) : ("sent" as const),
    sendAt: now - i * 3_600_000,
    createdAt: now - i * 3_600_000,
    updatedAt: now - i * 3_600_000,
  }));
  for (let i = 0; i < thread.length; i += 4)
    await db()
      .insert(messages)
      .values(thread.slice(i, i + 4));
  return t;
}

describe("portal page weight", () => {
  for (const lang of ["en", "es"] as const) {
    it(`every portal page stays under 50 KB for a patient deep into care (${lang})`, async () => {
      const t = await heavyPatient(lang);
      const pages = [
        ...new Set(
          createApp()
            .routes.filter((r) => r.method === "GET" && r.path.startsWith("/portal"))
            .map((r) => r.path),
        ),
      ]
        .filter((p) => !p.includes("*") && !p.includes(":"))
        .concat([
          "/portal/questionnaires/lefs",
          "/portal/questionnaires/psfs",
          "/portal/questionnaires/odi",
          "/portal/learn/hurt-versus-harm",
        ]);
      expect(pages.length).toBeGreaterThanOrEqual(10);
      for (const path of pages) {
        const res = await t.portal.get(path);
        const body = await res.arrayBuffer();
        // /portal/ redirects to /portal; /portal/verify to where this device, already checked, was going.
        expect(res.status, path).toBe(path === "/portal/verify" || path === "/portal/" ? 303 : 200);
        expect(body.byteLength, `${path} is ${body.byteLength} bytes`).toBeLessThan(MAX_PAGE_BYTES);
      }
    });
  }
});
