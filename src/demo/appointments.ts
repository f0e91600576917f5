import { DAY, HOUR, MINUTE } from "../platform/clock";
import type { AppointmentType } from "../scheduling/tables";
import { cancelReasons } from "./catalog";
import type { Discharge } from "./episodes";
import type { Random } from "./random";
import { type AppointmentRow, idMaker } from "./types";
import type { EpisodeState, Visit } from "./visits";

/** An appointment row and when it reached its status (null while still just booked). */
export interface BookedVisit {
  row: AppointmentRow;
  statusAt: number | null;
}

export interface AppointmentInput {
  clinicId: string;
  now: number;
  states: EpisodeState[];
  discharges: (Discharge | null)[];
  patientIdOf: (s: EpisodeState) => string;
  therapistIds: string[];
}

/**
 * Appointment rows with believable bookkeeping: booked at intake or at the end of the previous
 * visit, cancelled hours to days ahead, no-shows marked a quarter of an hour in, confirmations
 * the day before. The first visit of an episode (until one is attended) is the evaluation.
 */
export function appointmentRows(rnd: Random, input: AppointmentInput): BookedVisit[] {
  const { now } = input;
  const out: { visit: Visit; row: Omit<AppointmentRow, "id">; statusAt: number | null }[] = [];
  input.states.forEach((s, index) => {
    const discharge = input.discharges[index] ?? null;
    const closesWell = discharge?.reason === "goals_met" || discharge?.reason === "plan_completed";
    let attendedBefore = 0;
    let bookedAt = s.plan.createdAt;
    s.visits.forEach((v, i) => {
      const previous = s.visits[i - 1];
      if (previous) {
        // Booked at the front desk after the previous visit; visits ahead are booked as a series. After a
        // gap longer than the plan's rhythm nothing was booked for a while: the patient called in later.
        const gap = v.startsAt - previous.endsAt;
        const interval = (7 / s.plan.frequencyPerWeek) * DAY;
        bookedAt = previous.startsAt < now ? previous.endsAt + rnd.int(2, 15) * MINUTE : bookedAt;
        if (v.startsAt < now && gap > 1.8 * interval) bookedAt = Math.max(bookedAt, v.startsAt - rnd.int(20, 60) * HOUR);
      } else {
        bookedAt = s.plan.createdAt + rnd.int(5, 90) * MINUTE;
      }
      const createdAt = Math.max(s.plan.createdAt, Math.min(bookedAt, v.startsAt - 30 * MINUTE, now - rnd.int(1, 90) * MINUTE));
      const isLast = i === s.visits.length - 1;
      const type: AppointmentType =
        v.minutes === 60
          ? "evaluation"
          : closesWell && isLast && v.status === "attended"
            ? "discharge"
            : (attendedBefore + 1) % 10 === 0
              ? "re_evaluation"
              : "follow_up";
      const { status, statusAt } = settle(rnd, v, createdAt, now);
      if (v.status === "attended" || v.status === "arrived" || v.startsAt >= now) attendedBefore++;
      out.push({
        visit: v,
        statusAt,
        row: {
          clinicId: input.clinicId,
          patientId: input.patientIdOf(s),
          therapistId: input.therapistIds[v.therapistIndex] ?? "",
          episodeId: s.plan.id,
          startsAt: v.startsAt,
          endsAt: v.endsAt,
          durationMinutes: v.minutes,
          type,
          status,
          outsideAvailability: false,
          cancelReason: status === "cancelled" ? rnd.pick(cancelReasons) : null,
          createdAt,
          updatedAt: statusAt ?? createdAt,
        },
      });
    });
  });
  // Ids in time order, so a clinic's appointments read naturally in the database too.
  const nextId = idMaker(`${input.clinicId}-v`);
  return out
    .sort((a, b) => a.row.startsAt - b.row.startsAt || a.row.therapistId.localeCompare(b.row.therapistId))
    .map(({ row, statusAt }) => ({ row: { id: nextId(), ...row }, statusAt }));
}

function settle(rnd: Random, v: Visit, createdAt: number, now: number): { status: Visit["status"]; statusAt: number | null } {
  switch (v.status) {
    case "attended":
      return { status: v.status, statusAt: Math.min(now, v.endsAt + rnd.int(0, 10) * MINUTE) };
    case "no_show":
      return { status: v.status, statusAt: Math.min(now, v.startsAt + rnd.int(15, 30) * MINUTE) };
    case "arrived":
      return { status: v.status, statusAt: Math.max(createdAt + MINUTE, v.startsAt - rnd.int(0, 10) * MINUTE) };
    case "cancelled": {
      const at = v.startsAt - rnd.int(2, 40) * HOUR;
      return { status: v.status, statusAt: at > createdAt ? at : createdAt + Math.floor((v.startsAt - createdAt) / 2) };
    }
    default: {
      // Future visits: the nearer ones are mostly confirmed by now.
      const soon = v.startsAt - now < 36 * HOUR;
      if (!rnd.chance(soon ? 0.6 : 0.2)) return { status: "booked", statusAt: null };
      let at = v.startsAt - rnd.int(18, 50) * HOUR;
      if (at > now - 5 * MINUTE) at = now - rnd.int(5, 240) * MINUTE;
      return at > createdAt ? { status: "confirmed", statusAt: at } : { status: "booked", statusAt: null };
    }
  }
}
