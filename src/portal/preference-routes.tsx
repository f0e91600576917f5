import { Hono } from "hono";
import { z } from "zod";
import { PreferencesPage } from "../../templates/portal/preferences";
import { loadPatientRecord } from "../patients/repo";
import { currentConsent } from "../patients/service";
import { recordAudit } from "../platform/audit";
import { formStrings } from "../platform/validate";
import { type PortalContext as C, loadPortalPatient, type PortalEnv, type PortalPatient, patientActor } from "./context";
import { applyPreference, channelsWithAddress } from "./preferences-service";

/** /portal/preferences: language, preferred channel, and opting out or in (behind the step-up check). */
export const preferencePortalRoutes = new Hono<PortalEnv>();

const channel = z.enum(["sms", "email"]);
const changeSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("language"), language: z.enum(["en", "es"]) }),
  z.object({ field: z.literal("channel"), channel }),
  z.object({ field: z.literal("consent"), channel, status: z.enum(["granted", "revoked"]) }),
]);

async function consentOf(c: C, p: PortalPatient) {
  const record = await loadPatientRecord(c.get("deps").db, p.clinic.id, p.patient.id);
  return currentConsent(record?.consentHistory ?? []);
}

async function render(c: C, p: PortalPatient, extra: { saved?: boolean; invalid?: boolean } = {}, status: 200 | 422 = 200) {
  const consent = await consentOf(c, p);
  const channels = channelsWithAddress(p.patient).map((ch) => ({
    channel: ch,
    address: (ch === "sms" ? p.patient.phone : p.patient.email) ?? "",
  }));
  return c.html(
    <PreferencesPage
      lang={p.lang}
      clinicName={p.clinic.name}
      csrf={c.get("portal").csrf}
      channels={channels}
      preferredChannel={p.patient.preferredChannel}
      consent={{ sms: consent.sms === "granted", email: consent.email === "granted" }}
      {...extra}
    />,
    status,
  );
}

preferencePortalRoutes.get("/preferences", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  await recordAudit(c.get("deps"), patientActor(c), "portal.preferences.view", p.patient.id);
  return render(c, p, { saved: c.req.query("saved") === "1" });
});

preferencePortalRoutes.post("/preferences", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const parsed = changeSchema.safeParse(formStrings(await c.req.parseBody()));
  if (!parsed.success) return render(c, p, { invalid: true }, 422);
  const change = parsed.data;
  const reachable = channelsWithAddress(p.patient);
  // A channel we have no address for cannot be preferred or turned on; turning one off is always allowed.
  const unreachable = change.field !== "language" && !reachable.includes(change.channel);
  if (unreachable && !(change.field === "consent" && change.status === "revoked")) return render(c, p, { invalid: true }, 422);
  const unchanged =
    (change.field === "language" && change.language === p.patient.preferredLanguage) ||
    (change.field === "channel" && change.channel === p.patient.preferredChannel) ||
    (change.field === "consent" && (await consentOf(c, p))[change.channel] === change.status);
  if (!unchanged) await applyPreference(c.get("deps"), patientActor(c), p.patient.id, change);
  return c.redirect("/portal/preferences?saved=1", 303);
});
