import { Hono } from "hono";
import { AvailabilityPage, type TherapistHours, type WindowValues } from "../../templates/settings/availability.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { staffActor } from "../platform/audit";
import type { Db } from "../platform/db";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { formStrings } from "../platform/validate";
import { findTherapist, listAvailability, listTherapists } from "./repo";
import { availabilityFormSchema } from "./schemas";
import { setAvailability } from "./service";

/** /settings/availability: each therapist's weekly hours (owner and admin only, enforced where mounted). */
export const availabilityRoutes = new Hono<AppEnv>();

const notFound = () => new AppError("not_found", "No such therapist.");

availabilityRoutes.get("/", async (c) => {
  const staff = currentStaff(c);
  const therapists = await hoursOf(c.get("deps").db, staff.clinicId);
  return c.html(<AvailabilityPage staff={layoutStaff(staff)} therapists={therapists} savedId={c.req.query("saved")} />);
});

availabilityRoutes.post("/:therapistId", async (c) => {
  const staff = currentStaff(c);
  const therapistId = c.req.param("therapistId");
  const { db } = c.get("deps");
  if (!(await findTherapist(db, staff.clinicId, therapistId))) throw notFound();
  const typed = rowsOf(formStrings(await c.req.parseBody()));
  const parsed = availabilityFormSchema.safeParse(typed);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = `${String(issue.path[0])}.${String(issue.path[1] ?? "startTime")}`;
      errors[key] ??= issue.message;
    }
    const therapists = (await hoursOf(db, staff.clinicId)).map((t) => (t.id === therapistId ? { ...t, rows: typed, errors } : t));
    return c.html(<AvailabilityPage staff={layoutStaff(staff)} therapists={therapists} />, 422);
  }
  if (!(await setAvailability(c.get("deps"), staffActor(c), therapistId, parsed.data))) throw notFound();
  return c.redirect(`/settings/availability?saved=${encodeURIComponent(therapistId)}#t-${therapistId}`, 303);
});

/** Every active therapist with their windows: two statements whatever the clinic's size. */
async function hoursOf(db: Db, clinicId: string): Promise<TherapistHours[]> {
  const therapists = await listTherapists(db, clinicId);
  const windows = await listAvailability(
    db,
    clinicId,
    therapists.map((t) => t.id),
  );
  return therapists.map((t) => ({
    ...t,
    rows: windows
      .filter((w) => w.therapistId === t.id)
      .map((w) => ({ weekday: String(w.weekday), startTime: w.startTime, endTime: w.endTime })),
  }));
}

/** The typed rows, in order; blank rows and rows ticked for removal are dropped. */
function rowsOf(body: Record<string, string>): WindowValues[] {
  const indices = Object.keys(body)
    .map((k) => /^(?:weekday|start|end)_(\d{1,3})$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  return [...new Set(indices)]
    .sort((a, b) => a - b)
    .filter((i) => body[`remove_${i}`] !== "on")
    .map((i) => ({ weekday: body[`weekday_${i}`] ?? "", startTime: body[`start_${i}`] ?? "", endTime: body[`end_${i}`] ?? "" }))
    .filter((r) => r.startTime.trim() !== "" || r.endTime.trim() !== "");
}
