import { describe, expect, it } from "vitest";
import { defaultTemplates } from "../../../src/messaging/default-templates";
import { classifyReply, isConsentRestore } from "../../../src/messaging/intent";
import { renderTemplate, smsSegments } from "../../../src/messaging/render";
import { decideDelivery, defaultDeliveryPolicy } from "../../../src/messaging/rules";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NY = "America/New_York";

describe("renderTemplate", () => {
  const vars = { firstName: "Ana", clinicName: "Demo PT", clinicPhone: "+14135550100", link: "https://x.test/p", timeZone: NY };
  it("fills the reminder in the patient's time zone and language", () => {
    const at = Date.parse("2026-12-02T15:30:00Z");
    const en = renderTemplate(defaultTemplates.visit_reminder.en, { ...vars, language: "en", visitAt: at });
    expect(en.body).toBe(
      "Hi Ana, a reminder of your visit at Demo PT on Wed, Dec 2 at 10:30 AM. Reply C to confirm, X to cancel, R to reschedule, or use https://x.test/p",
    );
    const es = renderTemplate(defaultTemplates.visit_reminder.es, { ...vars, language: "es", visitAt: at, timeZone: "America/Chicago" });
    expect(es.body).toContain("9:30");
    expect(es.body).toContain("Responda C para confirmar");
  });

  it("leaves unknown placeholders visible", () => {
    expect(renderTemplate({ subject: "", body: "Hi {{firstName}} {{nope}}" }, { ...vars, language: "en" }).body).toBe("Hi Ana {{nope}}");
  });

  it("default SMS bodies carry no clinical words and fit in two segments", () => {
    for (const [purpose, byLang] of Object.entries(defaultTemplates)) {
      for (const [lang, t] of Object.entries(byLang)) {
        const body = renderTemplate(t, { ...vars, language: lang as "en" | "es", visitAt: Date.now() }).body;
        expect(`${purpose}/${lang}: ${/diagnos|knee|back pain|shoulder|rodilla|espalda|surgery|cirug/i.test(body)}`).toBe(
          `${purpose}/${lang}: false`,
        );
        expect(smsSegments(body).segments).toBeLessThanOrEqual(3);
      }
    }
  });
});

describe("smsSegments", () => {
  it.each([
    ["a".repeat(160), "GSM-7", 1],
    ["a".repeat(161), "GSM-7", 2],
    ["a".repeat(306), "GSM-7", 2],
    ["a".repeat(307), "GSM-7", 3],
    ["€".repeat(80), "GSM-7", 1],
    ["€".repeat(81), "GSM-7", 2],
    ["ó".repeat(70), "UCS-2", 1],
    ["ó".repeat(71), "UCS-2", 2],
    ["¿Qué tal?", "GSM-7", 1],
    ["¿Cómo está?", "UCS-2", 1],
  ])("%# counts %s as %s in %i segment(s)", (body, encoding, segments) => {
    expect(smsSegments(body)).toMatchObject({ encoding, segments });
  });
});

describe("decideDelivery", () => {
  const noon = Date.parse("2026-12-01T17:00:00Z"); // 12:00 in New York
  const base = {
    now: noon,
    timeZone: NY,
    category: "automated" as const,
    consented: true,
    address: "+16175550111",
    policy: defaultDeliveryPolicy,
    recentSendTimes: [],
  };
  it("sends now inside the window", () => {
    expect(decideDelivery(base)).toEqual({ action: "send", sendAt: noon, deferred: false });
  });
  it("never sends without consent or an address", () => {
    expect(decideDelivery({ ...base, consented: false })).toEqual({ action: "suppress", reason: "no consent for this channel" });
    expect(decideDelivery({ ...base, address: null }).action).toBe("suppress");
    expect(decideDelivery({ ...base, consented: false, category: "staff", overrideQuietHours: true }).action).toBe("suppress");
  });
  it("defers quiet hours to 08:00 in the recipient's zone, also across a DST change", () => {
    const late = Date.parse("2026-12-02T03:30:00Z"); // 22:30 New York
    expect(decideDelivery({ ...base, now: late })).toEqual({ action: "send", sendAt: Date.parse("2026-12-02T13:00:00Z"), deferred: true });
    const beforeFallBack = Date.parse("2026-11-01T05:30:00Z"); // 01:30 EDT, clocks go back at 02:00
    expect(
      decideDelivery({ ...base, now: beforeFallBack }).action === "send" &&
        new Date((decideDelivery({ ...base, now: beforeFallBack }) as { sendAt: number }).sendAt).toISOString(),
    ).toBe("2026-11-01T13:00:00.000Z");
    expect(decideDelivery({ ...base, now: late, category: "staff", overrideQuietHours: true })).toEqual({
      action: "send",
      sendAt: late,
      deferred: false,
    });
  });
  it("caps automated messages at 1 a day and 3 a week, reminders separately", () => {
    expect(decideDelivery({ ...base, recentSendTimes: [noon - 2 * HOUR] })).toEqual({
      action: "suppress",
      reason: "daily cap of 1 reached",
    });
    expect(decideDelivery({ ...base, recentSendTimes: [noon - 2 * DAY, noon - 3 * DAY, noon - 4 * DAY] })).toEqual({
      action: "suppress",
      reason: "weekly cap of 3 reached",
    });
    expect(decideDelivery({ ...base, recentSendTimes: [noon - 2 * DAY, noon - 3 * DAY, noon - 8 * DAY] }).action).toBe("send");
    expect(decideDelivery({ ...base, category: "reminder", recentSendTimes: [noon - HOUR] }).action).toBe("send");
    expect(decideDelivery({ ...base, category: "reminder", recentSendTimes: [noon - HOUR, noon - 2 * HOUR] }).action).toBe("suppress");
  });
});

describe("classifyReply", () => {
  it.each([
    ["STOP", "opt_out"],
    ["stopall", "opt_out"],
    ["Unsubscribe", "opt_out"],
    ["CANCEL", "opt_out"],
    ["end", "opt_out"],
    ["QUIT", "opt_out"],
    ["revoke", "opt_out"],
    ["OPTOUT", "opt_out"],
    ["stop texting me", "opt_out"],
    ["please don't text me anymore", "opt_out"],
    ["No me manden más mensajes", "opt_out"],
    ["START", "opt_in"],
    ["unstop", "opt_in"],
    ["HELP", "help"],
    ["C", "confirm"],
    ["y", "confirm"],
    ["Confirm", "confirm"],
    ["Sí", "confirm"],
    ["X", "cancel"],
    ["n", "cancel"],
    ["I can't make it tomorrow", "cancel"],
    ["R", "reschedule"],
    ["can I move my appointment to Friday", "reschedule"],
    ["my knee hurts a lot since yesterday", "pain"],
    ["Me duele mucho la espalda", "pain"],
    ["What time do you open?", "question"],
    ["thanks!", "other"],
  ])("%j -> %s", (text, intent) => {
    expect(classifyReply(text)).toBe(intent);
  });
  it("START, UNSTOP and YES restore consent", () => {
    expect(["START", "unstop", "YES", "stop", "C"].map(isConsentRestore)).toEqual([true, true, true, false, false]);
  });
});
