import { daysBetween } from "../platform/time";

/** Pure rules for episodes of care, plans of care and authorizations. */

export interface PlanProgress {
  attended: number;
  prescribed: number;
  /** 0-100, capped: a plan can be exceeded but the bar cannot. */
  percent: number;
}

export function planProgress(attended: number, prescribed: number): PlanProgress {
  const percent = prescribed > 0 ? Math.min(100, Math.round((attended / prescribed) * 100)) : 0;
  return { attended, prescribed, percent };
}

/** A Medicare-style progress note is due at every 10th attended visit. */
export const PROGRESS_NOTE_EVERY = 10;

export function progressNoteDue(attendedVisits: number): boolean {
  return attendedVisits > 0 && attendedVisits % PROGRESS_NOTE_EVERY === 0;
}

export const AUTH_VISITS_WARNING = 2;
export const AUTH_EXPIRY_WARNING_DAYS = 10;

export interface AuthorizationState {
  used: number;
  remaining: number;
  /** Two visits or fewer left. */
  visitsLow: boolean;
  /** Ends within ten days (and has not ended). */
  expiringSoon: boolean;
  expired: boolean;
  daysLeft: number;
}

/** Use counts attended visits only; cancelled and no-show visits never use an authorization. */
export function authorizationState(
  auth: { visitsAuthorized: number; endDate: string },
  attendedInRange: number,
  today: string,
): AuthorizationState {
  const remaining = Math.max(0, auth.visitsAuthorized - attendedInRange);
  const daysLeft = daysBetween(today, auth.endDate);
  return {
    used: attendedInRange,
    remaining,
    visitsLow: remaining <= AUTH_VISITS_WARNING,
    expiringSoon: daysLeft >= 0 && daysLeft <= AUTH_EXPIRY_WARNING_DAYS,
    expired: daysLeft < 0,
    daysLeft,
  };
}

/** An authorization's state from the local dates of the episode's attended visits: only those within its dates count. */
export function authorizationUse(
  auth: { visitsAuthorized: number; startDate: string; endDate: string },
  attendedDates: readonly string[],
  today: string,
): AuthorizationState {
  const used = attendedDates.filter((d) => d >= auth.startDate && d <= auth.endDate).length;
  return authorizationState(auth, used, today);
}

/** The episode.started payload, the same whether staff or the EHR open the episode. */
export function episodeStartedPayload(
  episodeId: string,
  input: { bodyRegion: string; referralSourceId: string | null; visitsPrescribed: number; frequencyPerWeek: number },
) {
  return {
    episodeId,
    bodyRegion: input.bodyRegion,
    referralSourceId: input.referralSourceId,
    visitsPrescribed: input.visitsPrescribed,
    frequencyPerWeek: input.frequencyPerWeek,
  };
}
