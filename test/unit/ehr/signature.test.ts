/// <reference types="vite/client" />
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signStandardWebhook, type Verification, verifyWebhookSignature } from "../../../src/ehr/signature";
import { newSigningSecret, verifyingSecrets } from "../../../src/integrations/model";
import appointmentBody from "../../fixtures/athenahealth/appointment-notification.body.json?raw";
import appointmentSignature from "../../fixtures/athenahealth/appointment-notification.x-hub-signature.txt?raw";
import orderBody from "../../fixtures/athenahealth/order-notification.body.json?raw";
import orderSignature from "../../fixtures/athenahealth/order-notification.x-hub-signature.txt?raw";
import patientBody from "../../fixtures/athenahealth/patient-notification.body.json?raw";
import patientSignature from "../../fixtures/athenahealth/patient-notification.x-hub-signature.txt?raw";

const NOW = Date.parse("2026-11-30T14:00:00Z");
const SECONDS = Math.floor(NOW / 1000);
const BODY = '{"resourceType":"Patient","id":"p1","name":[{"family":"Example"}]}';
const bytes = (s: string) => new TextEncoder().encode(s);
const headers = (h: Record<string, string>) => new Headers(h);

/** Headers exactly as the official Standard Webhooks library produces them. */
function officialHeaders(secret: string, id: string, at: number, body = BODY) {
  const signature = new Webhook(secret).sign(id, new Date(at), body);
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at / 1000)), "webhook-signature": signature };
}

const standard = (h: Record<string, string>, secrets: string[], body = BODY, now = NOW): Promise<Verification> =>
  verifyWebhookSignature("standard_webhooks", headers(h), bytes(body), secrets, now);

describe("Standard Webhooks verification", () => {
  const secret = newSigningSecret();

  it("accepts what the official standardwebhooks library signs, and returns its webhook-id", async () => {
    expect(await standard(officialHeaders(secret, "msg_abc", NOW), [secret])).toEqual({ ok: true, deliveryId: "msg_abc" });
  });

  it("signs exactly as the official library, which verifies our signature in turn", async () => {
    const ours = await signStandardWebhook(secret, "msg_out", SECONDS, BODY);
    expect(ours).toBe(new Webhook(secret).sign("msg_out", new Date(SECONDS * 1000), BODY));
    const real = Math.floor(Date.now() / 1000);
    const h = {
      "webhook-id": "msg_out",
      "webhook-timestamp": String(real),
      "webhook-signature": await signStandardWebhook(secret, "msg_out", real, BODY),
    };
    expect(new Webhook(secret).verify(BODY, h)).toEqual(JSON.parse(BODY));
  });

  it("refuses a tampered body, id or timestamp, and a signature made with another secret", async () => {
    const good = officialHeaders(secret, "msg_1", NOW);
    expect(await standard(good, [secret], BODY.replace("p1", "p2"))).toEqual({ ok: false, reason: "no_matching_signature" });
    expect(await standard({ ...good, "webhook-id": "msg_2" }, [secret])).toEqual({ ok: false, reason: "no_matching_signature" });
    expect(await standard({ ...good, "webhook-timestamp": String(SECONDS + 1) }, [secret])).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
    expect(await standard(officialHeaders(newSigningSecret(), "msg_1", NOW), [secret])).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
  });

  it("accepts a header with several signatures when one matches, and ignores other versions", async () => {
    const good = officialHeaders(secret, "msg_multi", NOW);
    const other = new Webhook(newSigningSecret()).sign("msg_multi", new Date(NOW), BODY);
    const several = `${other} v1a,c29tZXRoaW5nIGVsc2U= ${good["webhook-signature"]}`;
    expect(await standard({ ...good, "webhook-signature": several }, [secret])).toEqual({ ok: true, deliveryId: "msg_multi" });
    expect(await standard({ ...good, "webhook-signature": `${other} v1,not*base64` }, [secret])).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
  });

  it("allows 5 minutes of clock difference either way and refuses a replay of an older message", async () => {
    const at = (offsetSeconds: number) => officialHeaders(secret, "msg_t", NOW + offsetSeconds * 1000);
    expect((await standard(at(-300), [secret])).ok).toBe(true);
    expect((await standard(at(300), [secret])).ok).toBe(true);
    expect(await standard(at(-301), [secret])).toEqual({ ok: false, reason: "timestamp_out_of_tolerance" });
    expect(await standard(at(301), [secret])).toEqual({ ok: false, reason: "timestamp_out_of_tolerance" });
    expect(await standard(at(-86_400), [secret])).toEqual({ ok: false, reason: "timestamp_out_of_tolerance" });
  });

  it("says which header is missing or malformed", async () => {
    const good = officialHeaders(secret, "msg_h", NOW);
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"] as const) {
      const { [name]: _dropped, ...rest } = good;
      expect(await standard(rest, [secret])).toEqual({ ok: false, reason: "missing_headers" });
    }
    expect(await standard({ ...good, "webhook-timestamp": "yesterday" }, [secret])).toEqual({ ok: false, reason: "malformed_headers" });
    expect(await standard({ ...good, "webhook-id": "x".repeat(201) }, [secret])).toEqual({ ok: false, reason: "malformed_headers" });
  });

  it("accepts the previous secret for 24 hours after a rotation, then only the new one", async () => {
    const previous = newSigningSecret();
    const rotated = { secret: newSigningSecret(), previousSecret: previous, previousSecretExpiresAt: NOW + 86_400_000 };
    const signedWithOld = (at: number) => standard(officialHeaders(previous, "msg_r", at), verifyingSecrets(rotated, at), BODY, at);
    expect((await signedWithOld(NOW + 23 * 3_600_000)).ok).toBe(true);
    expect(await signedWithOld(NOW + 25 * 3_600_000)).toEqual({ ok: false, reason: "no_matching_signature" });
    const signedWithNew = await standard(officialHeaders(rotated.secret, "msg_r", NOW), verifyingSecrets(rotated, NOW));
    expect(signedWithNew.ok).toBe(true);
  });
});

describe("X-Hub-Signature (athenahealth)", () => {
  const ATHENA_SECRET = "SecretHashKeyForConsumer1";
  const samples = [
    ["appointment", appointmentBody, appointmentSignature],
    ["patient", patientBody, patientSignature],
    ["order", orderBody, orderSignature],
  ] as const;

  it.each(samples)("verifies athenahealth's real %s notification with its real header", async (_name, body, signature) => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const result = await verifyWebhookSignature(
      "hub_signature",
      headers({ "X-Hub-Signature": signature }),
      bytes(body),
      [ATHENA_SECRET],
      NOW,
    );
    expect(result).toEqual({ ok: true, deliveryId: null });
  });

  it("refuses the same body with its trailing whitespace trimmed (the signature covers every byte)", async () => {
    const trimmed = bytes(appointmentBody.trimEnd());
    const result = await verifyWebhookSignature(
      "hub_signature",
      headers({ "X-Hub-Signature": appointmentSignature }),
      trimmed,
      [ATHENA_SECRET],
      NOW,
    );
    expect(result).toEqual({ ok: false, reason: "no_matching_signature" });
  });

  it("refuses another secret, a missing header and a header without sha256=", async () => {
    const check = (h: Record<string, string>, secrets = [ATHENA_SECRET]) =>
      verifyWebhookSignature("hub_signature", headers(h), bytes(patientBody), secrets, NOW);
    expect(await check({ "X-Hub-Signature": patientSignature }, ["SecretHashKeyForConsumer2"])).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
    expect(await check({})).toEqual({ ok: false, reason: "missing_headers" });
    expect(await check({ "X-Hub-Signature": patientSignature.replace("sha256=", "sha1=") })).toEqual({
      ok: false,
      reason: "malformed_headers",
    });
    expect(await check({ "X-Hub-Signature": "sha256=zz" })).toEqual({ ok: false, reason: "malformed_headers" });
  });
});

describe("X-Signature (Medplum)", () => {
  // Computed independently: printf '<body>' | openssl dgst -sha256 -hmac 'medplum-subscription-secret'
  const body = '{"resourceType":"Patient","id":"medplum-1","name":[{"family":"Example"}]}';
  const signature = "482693e3617e5fc76e1dc271e880dd7fb221f268cf0e856fa4173a11889ca81a";
  const check = (h: Record<string, string>, b = body) =>
    verifyWebhookSignature("medplum", headers(h), bytes(b), ["medplum-subscription-secret"], NOW);

  it("verifies the hex HMAC-SHA256 of the body, in either case", async () => {
    expect(await check({ "X-Signature": signature })).toEqual({ ok: true, deliveryId: null });
    expect(await check({ "X-Signature": signature.toUpperCase() })).toEqual({ ok: true, deliveryId: null });
  });

  it("refuses a changed body, a missing header and a header that is not hex", async () => {
    expect(await check({ "X-Signature": signature }, body.replace("medplum-1", "medplum-2"))).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
    expect(await check({})).toEqual({ ok: false, reason: "missing_headers" });
    expect(await check({ "X-Signature": `sha256=${signature}` })).toEqual({ ok: false, reason: "malformed_headers" });
  });
});
