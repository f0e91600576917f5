import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clinics } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

const form = {
  name: "Harbor PT",
  timeZone: "America/New_York",
  phone: "",
  sessionIdleMinutes: "30",
  sessionAbsoluteHours: "12",
  reminderLinkDays: "7",
};

const settingsOf = async (clinicId: string) =>
  JSON.parse((await db().select().from(clinics).where(eq(clinics.id, clinicId)).get())?.settings ?? "{}");

describe("the clinic's review page (Settings -> Clinic)", () => {
  it("an https address is saved and shown again; blank removes it", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const saved = await owner.post("/settings", { ...form, reviewUrl: " https://g.page/r/harbor-pt/review " });
    expect(saved.status).toBe(303);
    expect((await settingsOf(clinic.id)).reviewUrl).toBe("https://g.page/r/harbor-pt/review");
    const page = await (await owner.get("/settings")).text();
    expect(page).toContain('<label for="f-reviewUrl">Review page address (optional)</label>');
    expect(page).toContain('value="https://g.page/r/harbor-pt/review"');
    expect((await owner.post("/settings", { ...form, reviewUrl: "" })).status).toBe(303);
    expect(await settingsOf(clinic.id)).not.toHaveProperty("reviewUrl");
  });

  it.each([
    ["http://g.page/r/harbor-pt/review", "Use an https:// address"],
    ["g.page/r/harbor-pt/review", "Enter the full address of your review page"],
    ["https://localhost/review", "Enter the full address of your review page"],
    ["https://user:secret@g.page/r/x", "Remove the user name or password"],
    ["javascript:alert(1)", "Use an https:// address"],
  ])("%s is refused inline and nothing is saved", async (reviewUrl, message) => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const res = await owner.post("/settings", { ...form, name: "Renamed", reviewUrl });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<small id="f-reviewUrl-error" class="error">');
    expect(html).toContain(message);
    expect(html).toContain('aria-invalid="true"');
    const row = await db().select().from(clinics).where(eq(clinics.id, clinic.id)).get();
    expect(row?.name).toBe("Test Clinic");
    expect(JSON.parse(row?.settings ?? "{}")).not.toHaveProperty("reviewUrl");
  });
});
