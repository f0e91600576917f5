import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clinics } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

describe("clinic settings", () => {
  it("saving the clinic page keeps settings that other pages own (messaging, journey)", async () => {
    const clinic = await makeClinic();
    const other = { messaging: { automatedPerDay: 2 }, journey: { lapseAfterDays: 14 } };
    await db()
      .update(clinics)
      .set({ settings: JSON.stringify({ sessionIdleMinutes: 30, ...other }) })
      .where(eq(clinics.id, clinic.id));
    const owner = await signIn(clinic.staff.owner.email);
    const res = await owner.post("/settings", {
      name: "Renamed Clinic",
      timeZone: "america/chicago",
      phone: "(617) 555-0100",
      sessionIdleMinutes: "45",
      sessionAbsoluteHours: "10",
      reminderLinkDays: "3",
    });
    expect(res.status).toBe(303);
    const row = await db().select().from(clinics).where(eq(clinics.id, clinic.id)).get();
    expect(row?.timeZone).toBe("America/Chicago");
    expect(JSON.parse(row?.settings ?? "{}")).toEqual({ sessionIdleMinutes: 45, sessionAbsoluteHours: 10, reminderLinkDays: 3, ...other });
  });
});
