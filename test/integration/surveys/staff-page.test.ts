import { describe, expect, it } from "vitest";
import { recordAnswer } from "../../../src/surveys/service";
import { staffActorFor } from "../../helpers/deps";
import { signIn } from "../../helpers/http";
import { dischargedPatient, surveyDeps } from "./setup";

describe("the survey answer on the patient page", () => {
  it("the discharged episode's summary shows the score, its category, what came of it and the comment; the timeline says it", async () => {
    const now = Date.now();
    const t = await dischargedPatient(now);
    const { deps } = surveyDeps(now);
    const desk = staffActorFor(t.clinic.id, t.clinic.staff.front_desk.id);
    const saved = await recordAnswer(deps, desk, {
      patientId: t.patient.id,
      episodeId: t.episodeId,
      score: 3,
      comment: "The exercises sheet was confusing",
      channel: "staff",
    });
    expect(saved.ok).toBe(true);
    const owner = await signIn(t.clinic.staff.owner.email);
    const html = await (await owner.get(`/patients/${t.patient.id}`)).text();
    expect(html).toMatch(
      /<dt>Satisfaction survey<\/dt><dd>3 of 10 \(detractor\), answered \d{4}-\d{2}-\d{2} to staff; service-recovery task opened<\/dd>/,
    );
    expect(html).toContain('<dt>Survey comment</dt><dd class="goals">The exercises sheet was confusing</dd>');
    expect(html).toContain("Satisfaction survey answered: 3 of 10 (detractor)");
    expect(html).toContain("Unhappy after discharge (rated us 3 of 10)");
  });

  it("an unanswered discharged episode says so", async () => {
    const t = await dischargedPatient(Date.now());
    const owner = await signIn(t.clinic.staff.owner.email);
    const html = await (await owner.get(`/patients/${t.patient.id}`)).text();
    expect(html).toContain("<dt>Satisfaction survey</dt><dd>not answered</dd>");
  });
});
