import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clinics } from "../../../src/platform/schema";
import { trainClinicModel } from "../../../src/risk/training-job";
import { testDeps } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { generatedClinic, NOW } from "./training-fixture";

/** The page's text without tags, so assertions read as the owner does. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("Settings -> Risk model", () => {
  it("shows the clinic's own model in use, the held-out metrics side by side, the weights and the bands", async () => {
    const { clinic } = await generatedClinic(120, 3);
    await trainClinicModel(testDeps(NOW).deps, clinic.id);
    const owner = await signIn(clinic.staff.owner.email);

    const res = await owner.get("/settings/risk");
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain("The clinic's own model (version clinic-2026-11-30 ), trained 2026-11-30 10:00 UTC");
    expect(text).toContain("120 closed episodes");
    expect(text).toContain("90 to fit and 30 held out");
    expect(text).toMatch(/In use: better than the default on held-out episodes \(AUROC 0\.\d{3} against 0\.\d{3}\)/);
    expect(text).toMatch(/AUROC \(higher separates dropouts better; 0\.5 is chance\) 0\.\d{3} 0\.\d{3}/);
    expect(text).toMatch(/Brier score .* 0\.\d{3} 0\.\d{3}/);
    // Default and clinic weights side by side, named as a clinician would.
    // (A factor that never varied in this clinic's history gets no weight: ×1.00.)
    expect(text).toContain("No-shows among the last 3 visits ×1.44 ×1.00");
    expect(text).toMatch(/No home exercise program tracked ×1\.00 ×[2-9]\.\d\d/);
    expect(text).toContain("Medium from a 30% chance of dropping out, high from 60% (the default cut-offs)");
  });

  it("says why the clinic's model is not used, and reads the clinic's band cut-offs", async () => {
    const { clinic } = await generatedClinic(40, 11);
    await db()
      .update(clinics)
      .set({ settings: JSON.stringify({ risk: { thresholds: { medium: 0.25, high: 0.5 } } }) })
      .where(eq(clinics.id, clinic.id));
    await trainClinicModel(testDeps(NOW).deps, clinic.id);
    const admin = await signIn(clinic.staff.admin.email);

    const text = textOf(await (await admin.get("/settings/risk")).text());
    expect(text).toContain("The default model (version default-1 )");
    expect(text).toContain("Not in use: needs at least 100 closed episodes: has 40.");
    expect(text).toContain("Medium from a 25% chance of dropping out, high from 50% (this clinic's cut-offs)");
  });

  it("before the first training says so, and is for owners and admins only", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const text = textOf(await (await owner.get("/settings/risk")).text());
    expect(text).toContain("No training yet: the first runs tonight.");
    expect(text).toContain("The default model (version default-1 )");
    // The settings menu links to it.
    expect(await (await owner.get("/settings")).text()).toContain('href="/settings/risk"');

    for (const role of ["front_desk", "therapist", "billing"] as const) {
      const res = await (await signIn(clinic.staff[role].email)).get("/settings/risk");
      expect(`${role} ${res.status}`).toBe(`${role} 403`);
    }
  });
});
