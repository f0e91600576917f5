import { describe, expect, it } from "vitest";
import { bookAppointment } from "../../../src/scheduling/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

describe("journey projection in lists", () => {
  it("the patient list shows each patient's journey stage from the D1 projection", async () => {
    const clinic = await makeClinic();
    const booked = await makePatient(clinic.id, { familyName: "Projected" });
    await makePatient(clinic.id, { familyName: "Untouched" });
    const { deps } = testDeps(Date.now());
    const result = await bookAppointment(deps, staffActorFor(clinic.id, clinic.staff.front_desk.id), "America/New_York", {
      patientId: booked.id,
      therapistId: clinic.staff.therapist.id,
      episodeId: null,
      date: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      time: "10:00",
      durationMinutes: 45,
      type: "evaluation",
      allowOutsideAvailability: true,
    });
    expect(result.ok).toBe(true);
    const desk = await signIn(clinic.staff.front_desk.email);
    const html = await (await desk.get("/patients")).text();
    const row = (name: string) => html.slice(html.indexOf(name), html.indexOf("</tr>", html.indexOf(name)));
    expect(row("Projected")).toContain('class="badge stage-scheduled">Scheduled');
    expect(row("Untouched")).not.toContain("badge stage-");
  });
});
