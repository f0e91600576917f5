import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import { auditEvents, clinics } from "../../../src/platform/schema";
import { scoreChunk } from "../../../src/risk/service";
import { riskCurrent } from "../../../src/risk/tables";
import { saveThresholds } from "../../../src/risk/thresholds";
import { queuesWith, staffActorFor } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { env, signIn } from "../../helpers/http";
import { AS_OF, lapsingPatient, recordingQueue } from "./fixture";

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

const settingsOf = async (clinicId: string) =>
  JSON.parse((await db().select({ s: clinics.settings }).from(clinics).where(eq(clinics.id, clinicId)).get())?.s ?? "{}");

describe("risk band cut-offs", () => {
  it("lower cut-offs re-score the clinic's open episodes at once, and the journey enters at risk when the band rises", async () => {
    const p = await lapsingPatient("steady");
    await scoreChunk(makeDeps(env, { clock: fixedClock(AS_OF) }), { v: 1, clinicId: p.clinic.id, episodeIds: [p.episodeId], asOf: AS_OF });
    const before = await db().select().from(riskCurrent).where(eq(riskCurrent.episodeId, p.episodeId)).get();
    expect(before?.band).toBe("low");
    expect(before?.score).toBeGreaterThan(0.1);
    expect((await p.stub.snapshot()).state?.stage).toBe("active");
    await db()
      .update(clinics)
      .set({ settings: JSON.stringify({ visitRate: 120, risk: { note: "kept" } }) })
      .where(eq(clinics.id, p.clinic.id));

    // Twenty minutes past the hour: the re-scoring run is named by that instant, not the top of the hour.
    const savedAt = AS_OF + 20 * 60_000;
    const { queue, sent } = recordingQueue();
    const deps = makeDeps(env, { clock: fixedClock(savedAt), queues: queuesWith({ risk: queue }) });
    const actor = staffActorFor(p.clinic.id, p.clinic.staff.owner.id);
    expect(await saveThresholds(deps, actor, { medium: 0.05, high: 0.1 })).toEqual({ episodes: 1 });

    // Stored beside the clinic's other settings, none lost.
    expect(await settingsOf(p.clinic.id)).toEqual({ visitRate: 120, risk: { note: "kept", thresholds: { medium: 0.05, high: 0.1 } } });
    expect(sent).toEqual([{ v: 1, clinicId: p.clinic.id, episodeIds: [p.episodeId], asOf: savedAt }]);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, p.clinic.id), eq(auditEvents.action, "risk.thresholds.update")))
      .all();
    expect(audit).toHaveLength(1);

    for (const chunk of sent) await scoreChunk(deps, chunk);
    const current = await db().select().from(riskCurrent).where(eq(riskCurrent.episodeId, p.episodeId)).get();
    expect(current).toMatchObject({ band: "high", computedAt: savedAt });
    const after = await p.stub.snapshot();
    expect(after.state).toMatchObject({ stage: "at_risk", riskBand: "high" });
    expect(after.recent.filter((e) => e.type === "risk.changed")).toHaveLength(1);
  });

  it("Settings -> Risk model saves cut-offs for owners, shows them, and refuses bad ones inline with nothing saved", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);

    const page = textOf(await (await owner.get("/settings/risk")).text());
    expect(page).toContain("Medium risk from (%)");
    expect(page).toContain("Medium from a 30% chance of dropping out, high from 60% (the default cut-offs)");

    const bad = [
      [{ medium: "70", high: "60" }, "Medium must start at least 5 points below high."],
      [{ medium: "", high: "60" }, "Enter the medium cut-off as a percentage."],
      [{ medium: "2", high: "60" }, "Enter a whole percentage from 5 to 95."],
      [{ medium: "30.5", high: "60" }, "Enter a whole percentage from 5 to 95."],
      [{ medium: "30", high: "99" }, "Enter a whole percentage from 5 to 95."],
    ] as const;
    for (const [form, message] of bad) {
      const res = await owner.post("/settings/risk/thresholds", form);
      expect(res.status, JSON.stringify(form)).toBe(422);
      const text = textOf(await res.text());
      expect(text).toContain("Nothing was saved.");
      expect(text).toContain(message);
    }
    expect((await settingsOf(clinic.id)).risk).toBeUndefined();

    const saved = await owner.post("/settings/risk/thresholds", { medium: "40", high: "70" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/settings/risk?rescored=0#bands");
    const shown = textOf(await (await owner.get("/settings/risk?rescored=0")).text());
    expect(shown).toContain("Saved. 0 open episodes are being re-scored with the new cut-offs");
    expect(shown).toContain("Medium from a 40% chance of dropping out, high from 70% (this clinic's cut-offs)");
    expect((await settingsOf(clinic.id)).risk).toEqual({ thresholds: { medium: 0.4, high: 0.7 } });

    const therapist = await signIn(clinic.staff.therapist.email);
    expect((await therapist.post("/settings/risk/thresholds", { medium: "10", high: "20" })).status).toBe(403);
    expect((await settingsOf(clinic.id)).risk).toEqual({ thresholds: { medium: 0.4, high: 0.7 } });
  });
});
