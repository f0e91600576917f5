import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hepLogs, hepProgramItems } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { openPortal } from "../../helpers/portal";

const dayIn = (zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(Date.now());

describe("exercise days are the patient's days", () => {
  it("a patient far from the clinic's zone: the program starts, and the log counts, on the patient's calendar day, for staff too", async () => {
    const clinic = await makeClinic("Harbor PT"); // New York
    const zone = "Pacific/Kiritimati"; // UTC+14: a calendar day ahead of New York for most of the day
    const patient = await makePatient(clinic.id, { timeZone: zone });
    const therapist = await signIn(clinic.staff.therapist.email);
    const base = `/patients/${patient.id}`;
    const added = await therapist.post(`${base}/exercises`, {
      exerciseId: "bridge",
      sets: "",
      reps: "",
      holdSeconds: "",
      timesPerDay: "",
      daysPerWeek: "",
    });
    expect(added.status).toBe(303);
    const item = await db().select().from(hepProgramItems).where(eq(hepProgramItems.patientId, patient.id)).get();
    expect(item?.startDate).toBe(dayIn(zone));

    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id });
    expect((await phone.post("/portal/exercises/bridge/done")).status).toBe(303);
    const log = await db().select().from(hepLogs).where(eq(hepLogs.patientId, patient.id)).get();
    expect(log?.date).toBe(dayIn(zone));

    const page = await (await therapist.get(base)).text();
    expect(page).toMatch(/Adherence \(14 days\):\s*\d+% — 1 of \d+ session/);
  });
});
