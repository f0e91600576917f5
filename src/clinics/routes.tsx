import { type Context, Hono } from "hono";
import { ClinicSettingsPage } from "../../templates/settings/clinic.page";
import { type StaffMemberView, StaffPage } from "../../templates/settings/staff.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { fieldErrors, formStrings } from "../platform/validate";
import { clinicFormSchema, staffFormSchema, staffUpdateSchema } from "./schemas";
import * as service from "./service";

/** Clinic settings and staff: owner and admin only (enforced where this is mounted). */
export const settingsRoutes = new Hono<AppEnv>();

settingsRoutes.get("/", async (c) => {
  const staff = currentStaff(c);
  const clinic = await service.getClinic(c.get("deps"), staff.clinicId);
  if (!clinic) throw new AppError("not_found", "No such clinic.");
  const values = { name: clinic.name, timeZone: clinic.timeZone, phone: clinic.phone, ...clinic.parsedSettings };
  return c.html(<ClinicSettingsPage staff={layoutStaff(staff)} values={values} saved={c.req.query("saved") === "1"} />);
});

settingsRoutes.post("/", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = clinicFormSchema.safeParse(values);
  if (!parsed.success) {
    return c.html(<ClinicSettingsPage staff={layoutStaff(currentStaff(c))} values={values} errors={fieldErrors(parsed.error)} />, 422);
  }
  await service.updateClinic(c.get("deps"), staffActor(c), parsed.data);
  return c.redirect("/settings?saved=1", 303);
});

async function renderStaff(c: Context<AppEnv>, extra: Partial<Parameters<typeof StaffPage>[0]> = {}, status: 200 | 409 | 422 = 200) {
  const staff = currentStaff(c);
  const rows = await service.listStaff(c.get("deps"), staff.clinicId);
  const members: StaffMemberView[] = rows.map((m) => ({
    id: m.id,
    name: m.name,
    email: m.email,
    role: m.role,
    active: m.active,
    lastSignIn: m.lastSignInAt ? new Date(m.lastSignInAt).toISOString().slice(0, 16).replace("T", " ") : null,
  }));
  return c.html(<StaffPage staff={layoutStaff(staff)} members={members} {...extra} />, status);
}

settingsRoutes.get("/staff", (c) => renderStaff(c));

settingsRoutes.post("/staff", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = staffFormSchema.safeParse(values);
  if (!parsed.success) return renderStaff(c, { values, errors: fieldErrors(parsed.error) }, 422);
  const added = await service.addStaff(c.get("deps"), staffActor(c), parsed.data);
  if (!added.ok) return renderStaff(c, { values, errors: { email: "This address already has a Rapport account." } }, 409);
  return c.redirect("/settings/staff", 303);
});

settingsRoutes.post("/staff/:userId", async (c) => {
  const userId = c.req.param("userId");
  const parsed = staffUpdateSchema.safeParse(formStrings(await c.req.parseBody()));
  if (!parsed.success) return renderStaff(c, { rowError: { id: userId, message: "Choose a role and an access level." } }, 422);
  const updated = await service.updateStaff(c.get("deps"), staffActor(c), userId, parsed.data);
  if (!updated.ok && updated.error === "not_found") throw new AppError("not_found", "No such staff member.");
  if (!updated.ok) {
    return renderStaff(c, { rowError: { id: userId, message: "The clinic must keep at least one active owner." } }, 409);
  }
  return c.redirect("/settings/staff", 303);
});
