import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { backoffSeconds } from "../../../src/integrations/outbound/consumer";
import { deliveryUrlProblem, signedWebhookRequest, webhookIdOf } from "../../../src/integrations/outbound/request";

// A Standard Webhooks secret as integrations store it: "whsec_" + base64 of the key bytes.
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const PAYLOAD = '{"type":"patient.at_risk","timestamp":"2026-12-01T15:30:00.000Z","data":{"clinic_id":"c1","patient_id":"p1"}}';

describe("outbound webhook request", () => {
  it("verifies with the official standardwebhooks library, and returns the payload", async () => {
    const init = await signedWebhookRequest({ id: "del1", payload: PAYLOAD }, SECRET, Date.now());
    const headers = init.headers as Record<string, string>;
    expect(headers["webhook-id"]).toBe("msg_del1");
    expect(headers["content-type"]).toBe("application/json");
    expect(init.body).toBe(PAYLOAD);
    expect(new Webhook(SECRET).verify(PAYLOAD, headers)).toEqual(JSON.parse(PAYLOAD));
  });

  it("a changed body, another secret or an old timestamp does not verify", async () => {
    const init = await signedWebhookRequest({ id: "del1", payload: PAYLOAD }, SECRET, Date.now());
    const headers = init.headers as Record<string, string>;
    expect(() => new Webhook(SECRET).verify(PAYLOAD.replace("p1", "p2"), headers)).toThrow();
    expect(() => new Webhook("whsec_dGhpcy1pcy1hbm90aGVyLXNlY3JldC0xMjM0NTY3OA==").verify(PAYLOAD, headers)).toThrow();
    const old = await signedWebhookRequest({ id: "del1", payload: PAYLOAD }, SECRET, Date.now() - 10 * 60_000);
    expect(() => new Webhook(SECRET).verify(PAYLOAD, old.headers as Record<string, string>)).toThrow(/timestamp/i);
  });

  it("matches the library's own signature for the same id, time and body", async () => {
    const at = Date.parse("2026-12-01T15:30:07Z");
    const init = await signedWebhookRequest({ id: "del1", payload: PAYLOAD }, SECRET, at);
    const headers = init.headers as Record<string, string>;
    expect(headers["webhook-timestamp"]).toBe(String(at / 1000));
    expect(headers["webhook-signature"]).toBe(new Webhook(SECRET).sign(webhookIdOf("del1"), new Date(at), PAYLOAD));
  });

  it("follows no redirect", async () => {
    expect((await signedWebhookRequest({ id: "d", payload: "{}" }, SECRET, Date.now())).redirect).toBe("manual");
  });
});

describe("delivery URL", () => {
  it.each([
    ["https://crm.example.com/hooks", "production", null],
    ["http://crm.example.com/hooks", "production", "the delivery URL must use https"],
    ["http://localhost:9000/hooks", "development", null],
    ["ftp://crm.example.com/hooks", "development", "the delivery URL must use https"],
    ["not a url", "development", "the delivery URL is not a URL"],
  ])("%s in %s: %s", (url, env, problem) => {
    expect(deliveryUrlProblem(url, env)).toBe(problem);
  });
});

describe("backoff", () => {
  it("doubles from 30 seconds and stops at 6 hours", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3840]);
    expect(backoffSeconds(12)).toBe(6 * 3600);
    expect(backoffSeconds(0)).toBe(30);
  });
});
