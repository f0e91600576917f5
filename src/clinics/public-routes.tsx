import { Hono } from "hono";
import { ClinicPublicPage } from "../../templates/public/clinic.page";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { parseBusinessHours, weekdays } from "./model";
import { findClinic } from "./repo";

/**
 * GET /c/:clinicId: the clinic's public page, where message links point until patient links
 * exist. No sign-in, and nothing but what the clinic would print on its door.
 */
export const publicClinicRoutes = new Hono<AppEnv>();

const dayNames = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

publicClinicRoutes.get("/:clinicId", async (c) => {
  const clinicId = c.req.param("clinicId");
  const clinic = /^[0-9A-Za-z_-]{1,80}$/.test(clinicId) ? await findClinic(c.get("deps").db, clinicId) : undefined;
  if (!clinic) throw new AppError("not_found", "There is no such clinic.");
  const hours = parseBusinessHours(clinic.businessHours);
  // A landing page for links in texts and emails: nothing of the link goes on to another site.
  c.header("Referrer-Policy", "no-referrer");
  return c.html(
    <ClinicPublicPage
      name={clinic.name}
      phone={clinic.phone}
      hours={weekdays.map((d) => ({ day: dayNames[d], windows: (hours[d] ?? []).map(([from, to]) => `${from}–${to}`) }))}
    />,
  );
});
