import { Hono } from "hono";
import { TodayPage } from "../../templates/today/today.page";
import { layoutStaff } from "../auth/view";
import { displayName } from "../patients/model";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { localParts } from "../platform/time";
import { todayOverview } from "./service";

/** GET /: the Today page. `/` is not behind requireStaff, so an anonymous visitor is sent to sign in here. */
export const todayRoutes = new Hono<AppEnv>();

function greetingAt(minutes: number): string {
  if (minutes < 12 * 60) return "Good morning";
  if (minutes < 17 * 60) return "Good afternoon";
  return "Good evening";
}

/** "Monday, November 30, 2026" for a clinic-local calendar date. */
function dateLabel(date: string): string {
  return new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" }).format(
    Date.parse(`${date}T12:00:00Z`),
  );
}

todayRoutes.get("/", async (c) => {
  const staff = c.get("staff");
  if (!staff) return c.redirect("/login", 303);
  const tz = staff.clinicTimeZone;
  const data = await todayOverview(c.get("deps"), staffActor(c), tz);
  return c.html(
    <TodayPage
      staff={layoutStaff(staff)}
      greeting={`${greetingAt(data.localTime.minutes)}, ${staff.name}`}
      dateLabel={dateLabel(data.today)}
      today={data.today}
      counts={{
        ...data.visitCounts,
        tasksDue: data.taskCounts.due,
        tasksOverdue: data.taskCounts.overdue,
        unbooked: data.unbooked.total,
      }}
      visits={data.schedule.map(({ appointment: a, patient }) => ({
        id: a.id,
        time: localParts(a.startsAt, tz).time,
        patient: { id: patient.id, name: displayName(patient) },
        therapist: data.staffNames.get(a.therapistId) ?? "—",
        type: a.type,
        status: a.status,
      }))}
      tasks={data.dueTasks.map(({ task, patient, assigneeName }) => ({
        id: task.id,
        type: task.type,
        title: task.title,
        patient: patient ? { id: patient.id, name: displayName(patient) } : null,
        assigneeName,
        dueDate: task.dueDate,
        overdue: task.dueDate < data.today,
      }))}
      unbooked={data.unbooked.patients.map((p) => ({ id: p.id, name: displayName(p) }))}
    />,
  );
});
