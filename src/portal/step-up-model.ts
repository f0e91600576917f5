/**
 * The step-up check before clinical detail: pure rules (no I/O) so they are unit-tested.
 * A device that answers correctly is trusted for 30 days; five wrong answers lock the link.
 */
export const MAX_STEP_UP_FAILURES = 5;
export const DEVICE_TRUST_MS = 30 * 24 * 60 * 60 * 1000;
export const CODE_TTL_MS = 10 * 60 * 1000;
/** SMS codes per link: one a minute, five an hour. */
export const CODE_MIN_GAP_MS = 60 * 1000;
export const CODES_PER_HOUR = 5;

/**
 * A date of birth as the patient typed it: either one ISO field (YYYY-MM-DD) or day, month and year fields
 * ("7", "03", "1961"). Returns YYYY-MM-DD for a real calendar date, else null.
 */
export function parseDateOfBirth(input: { dateOfBirth?: unknown; day?: unknown; month?: unknown; year?: unknown }): string | null {
  const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(input.dateOfBirth));
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const [ds, ms, ys] = [str(input.day), str(input.month), str(input.year)];
    if (!/^\d{1,2}$/.test(ds) || !/^\d{1,2}$/.test(ms) || !/^\d{4}$/.test(ys)) return null;
    [y, m, d] = [Number(ys), Number(ms), Number(ds)];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Six digits, uniform (rejection sampling: no modulo bias). */
export function newStepUpCode(random: (buf: Uint32Array) => Uint32Array = (b) => crypto.getRandomValues(b)): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    const [n = 0] = random(new Uint32Array(1));
    if (n < limit) return String(n % 1_000_000).padStart(6, "0");
  }
}

export const isCodeShape = (v: unknown): v is string => typeof v === "string" && /^\d{6}$/.test(v.trim());

/** Whether another SMS code may be sent now, given the send times of this link's recent codes. */
export function mayRequestCode(sentAt: readonly number[], now: number): boolean {
  const lastHour = sentAt.filter((t) => now - t < 60 * 60 * 1000);
  if (lastHour.length >= CODES_PER_HOUR) return false;
  return lastHour.every((t) => now - t >= CODE_MIN_GAP_MS);
}

/** Where to go after the check: only a portal page, never an outside or odd URL. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/portal(\/[a-z0-9-]+)*$/.test(next) ? next : "/portal";
}

export const triesLeft = (failures: number) => Math.max(0, MAX_STEP_UP_FAILURES - failures);
