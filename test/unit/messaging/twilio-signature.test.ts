import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { twilioSignature, verifyTwilioSignature } from "../../../src/messaging/twilio-signature";

// Twilio's documented example (https://www.twilio.com/docs/usage/security#validating-requests).
const TOKEN = "12345";
const URL_WITH_QUERY = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS = { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" };
const EXPECTED = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

/** Deterministic pseudo-random strings (seeded), with characters that tend to break encoders. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  const alphabet = [..."abcXYZ019 +-_.~%&=?/:@!$'()*,;#[]{}\"\\<>\n\tñéü€😀ß中"];
  const str = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
  return { next, str };
}

function randomCase(seed: number) {
  const g = generator(seed);
  const params: Record<string, string> = {};
  const count = 1 + Math.floor(g.next() * 12);
  for (let i = 0; i < count; i++) params[`${g.str(1, 8)}${i}`] = g.str(0, 40);
  const token = g.str(8, 40);
  const url = `https://example.test/hooks/${encodeURIComponent(g.str(1, 10))}?q=${encodeURIComponent(g.str(0, 10))}`;
  return { token, url, params };
}

describe("twilioSignature matches the official twilio package", () => {
  it("reproduces Twilio's documented example vector", async () => {
    expect(twilio.getExpectedTwilioSignature(TOKEN, URL_WITH_QUERY, PARAMS)).toBe(EXPECTED);
    expect(await twilioSignature(TOKEN, URL_WITH_QUERY, PARAMS)).toBe(EXPECTED);
    expect(twilio.validateRequest(TOKEN, EXPECTED, URL_WITH_QUERY, PARAMS)).toBe(true);
  });

  it("agrees on random parameter sets (unicode, reserved characters, empty values)", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { token, url, params } = randomCase(seed);
      const ours = await twilioSignature(token, url, params);
      expect(ours, `seed ${seed}`).toBe(twilio.getExpectedTwilioSignature(token, url, params));
      expect(twilio.validateRequest(token, ours, url, params), `seed ${seed}`).toBe(true);
      expect(await verifyTwilioSignature(token, url, params, ours)).toBe(true);
    }
  });

  it("agrees with no parameters at all (a GET-style callback)", async () => {
    expect(await twilioSignature(TOKEN, URL_WITH_QUERY, {})).toBe(twilio.getExpectedTwilioSignature(TOKEN, URL_WITH_QUERY, {}));
  });

  it("a tampered parameter, URL or token fails validation with our signature", async () => {
    const ours = await twilioSignature(TOKEN, URL_WITH_QUERY, PARAMS);
    expect(twilio.validateRequest(TOKEN, ours, URL_WITH_QUERY, { ...PARAMS, Digits: "1235" })).toBe(false);
    expect(twilio.validateRequest(TOKEN, ours, URL_WITH_QUERY, { ...PARAMS, Extra: "" })).toBe(false);
    expect(twilio.validateRequest(TOKEN, ours, "https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS)).toBe(false);
    expect(twilio.validateRequest("54321", ours, URL_WITH_QUERY, PARAMS)).toBe(false);
    expect(await verifyTwilioSignature(TOKEN, URL_WITH_QUERY, { ...PARAMS, Digits: "1235" }, ours)).toBe(false);
    expect(await verifyTwilioSignature(TOKEN, URL_WITH_QUERY, PARAMS, undefined)).toBe(false);
  });
});
