import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { t } from "../../templates/portal/strings";
import { LockedPage, VerifyPage, type VerifyView } from "../../templates/portal/verify";
import { cookieIsSecure } from "../auth/model";
import { localDateIn } from "../clinics/model";
import { requestMessage } from "../messaging/service";
import { loadPatientRecord } from "../patients/repo";
import { currentConsent } from "../patients/service";
import { auditStatement, recordAudit } from "../platform/audit";
import { execBatch, guard, isGuardFailure } from "../platform/db";
import { newId, randomToken, sha256Hex, timingSafeEqual } from "../platform/ids";
import { insertRuleTask } from "../worklist/repo";
import { loadPortalPatient, type PortalContext, type PortalEnv, type PortalPatient, patientActor } from "./context";
import { PORTAL_COOKIE } from "./session";
import {
  CODE_TTL_MS,
  DEVICE_TRUST_MS,
  isCodeShape,
  MAX_STEP_UP_FAILURES,
  mayRequestCode,
  newStepUpCode,
  parseDateOfBirth,
  safeNext,
  triesLeft,
} from "./step-up-model";
import { patientLinks, portalDevices, portalStepUpCodes } from "./tables";

export const DEVICE_COOKIE = "rapport_device";

/** Whether this browser passed the check for the session's patient within the last 30 days. */
async function deviceTrusted(c: PortalContext): Promise<boolean> {
  const token = getCookie(c, DEVICE_COOKIE);
  if (!token || token.length > 100) return false;
  const s = c.get("portal");
  const row = await c
    .get("deps")
    .db.select({ id: portalDevices.id })
    .from(portalDevices)
    .where(
      and(
        eq(portalDevices.tokenHash, await sha256Hex(token)),
        eq(portalDevices.clinicId, s.clinicId),
        eq(portalDevices.patientId, s.patientId),
        gt(portalDevices.expiresAt, c.get("deps").clock.now()),
      ),
    )
    .get();
  return row !== undefined;
}

/** Clinical pages: send an unchecked device to the check, then back to the page it asked for. */
export const requireStepUp = createMiddleware<PortalEnv>(async (c, next) => {
  if (await deviceTrusted(c)) return next();
  const target = c.req.method === "GET" ? safeNext(c.req.path) : "/portal";
  return c.redirect(`/portal/verify?next=${encodeURIComponent(target)}`, 303);
});

export const stepUpRoutes = new Hono<PortalEnv>();

async function canText(c: PortalContext, p: PortalPatient): Promise<boolean> {
  if (!p.patient.phone) return false;
  const record = await loadPatientRecord(c.get("deps").db, p.clinic.id, p.patient.id);
  return record !== undefined && currentConsent(record.consentHistory).sms === "granted";
}

async function page(c: PortalContext, p: PortalPatient, next: string, extra: Partial<VerifyView> = {}, status: 200 | 422 | 429 = 200) {
  const view: VerifyView = {
    lang: p.lang,
    clinicName: p.clinic.name,
    csrf: c.get("portal").csrf,
    next,
    canText: await canText(c, p),
    ...extra,
  };
  return c.html(<VerifyPage {...view} />, status);
}

stepUpRoutes.get("/verify", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const next = safeNext(c.req.query("next"));
  if (await deviceTrusted(c)) return c.redirect(next, 303);
  return page(c, p, next);
});

stepUpRoutes.post("/verify", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const body = await c.req.parseBody();
  const next = safeNext(body.next);
  const values = {
    day: String(body.day ?? "").slice(0, 2),
    month: String(body.month ?? "").slice(0, 2),
    year: String(body.year ?? "").slice(0, 4),
  };
  if (body.method === "sms_code") {
    if (!isCodeShape(body.code)) return page(c, p, next, { codeSent: true, error: t(p.lang, "verifyCodeInvalid") }, 422);
    const s = c.get("portal");
    const deps = c.get("deps");
    const code = await deps.db
      .select()
      .from(portalStepUpCodes)
      .where(
        and(eq(portalStepUpCodes.linkId, s.linkId), isNull(portalStepUpCodes.usedAt), gt(portalStepUpCodes.expiresAt, deps.clock.now())),
      )
      .orderBy(desc(portalStepUpCodes.createdAt))
      .get();
    // No live code (it expired, or was used): say so, and don't count it as a wrong answer.
    if (!code) return page(c, p, next, { error: t(p.lang, "verifyCodeExpired") }, 422);
    if (!timingSafeEqual(code.codeHash, await sha256Hex(`${code.id}:${String(body.code).trim()}`))) {
      return wrongAnswer(c, p, next, { codeSent: true });
    }
    return trustDevice(c, p, "sms_code", next, code.id);
  }
  const dob = parseDateOfBirth(body);
  if (!dob) return page(c, p, next, { error: t(p.lang, "verifyInvalidDate"), values }, 422);
  if (!timingSafeEqual(dob, p.patient.dateOfBirth)) return wrongAnswer(c, p, next, { values });
  return trustDevice(c, p, "date_of_birth", next);
});

stepUpRoutes.post("/verify/code", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const deps = c.get("deps");
  const s = c.get("portal");
  const next = safeNext((await c.req.parseBody()).next);
  if (!(await canText(c, p))) return page(c, p, next, {}, 422);
  const now = deps.clock.now();
  const recent = await deps.db
    .select({ createdAt: portalStepUpCodes.createdAt })
    .from(portalStepUpCodes)
    .where(and(eq(portalStepUpCodes.linkId, s.linkId), gt(portalStepUpCodes.createdAt, now - 60 * 60 * 1000)))
    .all();
  if (
    !mayRequestCode(
      recent.map((r) => r.createdAt),
      now,
    )
  )
    return page(c, p, next, { codeSent: recent.length > 0, error: t(p.lang, "verifyCodeTooSoon") }, 429);
  const id = newId(now);
  const code = newStepUpCode();
  await deps.db.insert(portalStepUpCodes).values({
    id,
    clinicId: s.clinicId,
    patientId: s.patientId,
    linkId: s.linkId,
    codeHash: await sha256Hex(`${id}:${code}`),
    createdAt: now,
    expiresAt: now + CODE_TTL_MS,
  });
  // Transactional and asked for by the patient: quiet hours do not hold it back.
  await requestMessage(deps, {
    clinicId: s.clinicId,
    patientId: s.patientId,
    purpose: "portal_code",
    category: "transactional",
    channel: "sms",
    dedupeKey: `portal_code:${id}`,
    text: code,
  });
  return page(c, p, next, { codeSent: true });
});

async function trustDevice(c: PortalContext, p: PortalPatient, method: "date_of_birth" | "sms_code", next: string, codeId?: string) {
  const deps = c.get("deps");
  const s = c.get("portal");
  const now = deps.clock.now();
  const token = randomToken(32);
  // A code is spent in the same batch that trusts the device; of two requests racing with one code, one wins.
  const spendCode = codeId
    ? [
        deps.db
          .update(portalStepUpCodes)
          .set({ usedAt: now })
          .where(and(eq(portalStepUpCodes.id, codeId), isNull(portalStepUpCodes.usedAt))),
        guard(sql`changes() = 1`),
      ]
    : [];
  try {
    await execBatch(deps.db, [
      ...spendCode,
      deps.db.insert(portalDevices).values({
        id: newId(now),
        tokenHash: await sha256Hex(token),
        clinicId: s.clinicId,
        patientId: s.patientId,
        method,
        verifiedAt: now,
        expiresAt: now + DEVICE_TRUST_MS,
      }),
      deps.db.update(patientLinks).set({ failedStepUps: 0 }).where(eq(patientLinks.id, s.linkId)),
      auditStatement(deps, patientActor(c), "portal.step_up_passed", p.patient.id),
    ]);
  } catch (error) {
    if (isGuardFailure(error)) return page(c, p, next, { error: t(p.lang, "verifyCodeExpired") }, 422);
    throw error;
  }
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    secure: cookieIsSecure(new URL(c.req.url)),
    sameSite: "Lax",
    path: "/portal",
    maxAge: DEVICE_TRUST_MS / 1000,
  });
  return c.redirect(next, 303);
}

/** Counts a wrong answer in the database itself (two tabs cannot both get a fifth try); the fifth locks the link. */
async function wrongAnswer(c: PortalContext, p: PortalPatient, next: string, extra: Partial<VerifyView>) {
  const deps = c.get("deps");
  const s = c.get("portal");
  const now = deps.clock.now();
  const row = await deps.db
    .update(patientLinks)
    .set({
      failedStepUps: sql`${patientLinks.failedStepUps} + 1`,
      lockedAt: sql`CASE WHEN ${patientLinks.failedStepUps} + 1 >= ${MAX_STEP_UP_FAILURES} THEN coalesce(${patientLinks.lockedAt}, ${now}) ELSE ${patientLinks.lockedAt} END`,
    })
    .where(and(eq(patientLinks.id, s.linkId), eq(patientLinks.patientId, s.patientId)))
    .returning({ failures: patientLinks.failedStepUps })
    .get();
  const failures = row?.failures ?? MAX_STEP_UP_FAILURES;
  if (failures < MAX_STEP_UP_FAILURES) {
    await recordAudit(deps, patientActor(c), "portal.step_up_failed", p.patient.id);
    return page(c, p, next, { ...extra, error: t(p.lang, "verifyWrong", { left: String(triesLeft(failures)) }) }, 422);
  }
  // Locked: one task per link for the front desk to call the patient (the rule key keeps it single).
  await execBatch(deps.db, [
    insertRuleTask(deps.db, {
      id: newId(now),
      clinicId: s.clinicId,
      patientId: s.patientId,
      type: "portal_locked",
      title: "Portal link locked after 5 wrong answers: call the patient, check identity, send a new link",
      dueDate: localDateIn(now, p.clinic.timeZone),
      status: "open",
      ruleKey: `portal_locked:${s.linkId}`,
      createdBy: "rule",
      createdAt: now,
    }),
    auditStatement(deps, patientActor(c), "portal.locked", p.patient.id),
  ]);
  deleteCookie(c, PORTAL_COOKIE, { path: "/" });
  return c.html(<LockedPage lang={p.lang} clinicName={p.clinic.name} clinicPhone={p.clinic.phone} />, 423);
}
