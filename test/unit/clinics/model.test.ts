import { describe, expect, it } from "vitest";
import {
  businessHoursSchema,
  clinicSettingsSchema,
  defaultBusinessHours,
  isTimeZone,
  parseBusinessHours,
  parseSettings,
} from "../../../src/clinics/model";

const defaults = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, reminderLinkDays: 7 };

describe("parseSettings", () => {
  it.each([
    ["null", null, defaults],
    ["undefined", undefined, defaults],
    ["empty string", "", defaults],
    ["empty object", "{}", defaults],
    ["bad JSON", "{sessionIdleMinutes: 10", defaults],
    ["JSON that is not an object", "42", defaults],
    ["JSON null", "null", defaults],
    ["JSON array", "[1,2]", defaults],
    ["one field set", '{"sessionIdleMinutes":15}', { sessionIdleMinutes: 15, sessionAbsoluteHours: 12, reminderLinkDays: 7 }],
    [
      "both fields set",
      '{"sessionIdleMinutes":60,"sessionAbsoluteHours":8}',
      { sessionIdleMinutes: 60, sessionAbsoluteHours: 8, reminderLinkDays: 7 },
    ],
    [
      "lowest allowed values",
      '{"sessionIdleMinutes":5,"sessionAbsoluteHours":1}',
      { sessionIdleMinutes: 5, sessionAbsoluteHours: 1, reminderLinkDays: 7 },
    ],
    [
      "highest allowed values",
      '{"sessionIdleMinutes":240,"sessionAbsoluteHours":24}',
      { sessionIdleMinutes: 240, sessionAbsoluteHours: 24, reminderLinkDays: 7 },
    ],
    [
      "unknown keys are dropped",
      '{"sessionIdleMinutes":20,"theme":"dark"}',
      { sessionIdleMinutes: 20, sessionAbsoluteHours: 12, reminderLinkDays: 7 },
    ],
    // Out-of-range or mistyped values: the settings fall back to the defaults.
    ["idle minutes too low", '{"sessionIdleMinutes":4}', defaults],
    ["idle minutes too high", '{"sessionIdleMinutes":241}', defaults],
    ["idle minutes negative", '{"sessionIdleMinutes":-30}', defaults],
    ["idle minutes not an integer", '{"sessionIdleMinutes":12.5}', defaults],
    ["idle minutes as a string", '{"sessionIdleMinutes":"60"}', defaults],
    ["absolute hours zero", '{"sessionAbsoluteHours":0}', defaults],
    ["absolute hours too high", '{"sessionAbsoluteHours":25}', defaults],
  ])("%s", (_label, json, expected) => {
    expect(parseSettings(json)).toEqual(expected);
  });

  it("defaults match the schema's own defaults", () => {
    expect(clinicSettingsSchema.parse({})).toEqual(defaults);
  });
});

describe("isTimeZone", () => {
  it.each(["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "UTC", "Asia/Kolkata"])("knows %s", (tz) => {
    expect(isTimeZone(tz)).toBe(true);
  });

  it.each(["", "Mars/Olympus", "America/Springfield", "New York", "GMT+25", "not a zone"])("rejects %j", (tz) => {
    expect(isTimeZone(tz)).toBe(false);
  });
});

describe("businessHoursSchema", () => {
  it("accepts the default hours", () => {
    expect(businessHoursSchema.safeParse(defaultBusinessHours).success).toBe(true);
  });

  it.each([
    [
      "a split day",
      {
        mon: [
          ["07:00", "12:00"],
          ["13:00", "19:00"],
        ],
      },
    ],
    ["midnight to 23:59", { sat: [["00:00", "23:59"]] }],
    ["a closed day as an empty list", { sun: [] }],
    ["no days at all", {}],
  ])("accepts %s", (_label, hours) => {
    expect(businessHoursSchema.safeParse(hours).success).toBe(true);
  });

  it.each([
    ["25:00", { mon: [["07:00", "25:00"]] }],
    ["24:00", { mon: [["07:00", "24:00"]] }],
    ["minutes 60", { mon: [["07:60", "19:00"]] }],
    ["single-digit hour", { mon: [["7:00", "19:00"]] }],
    ["12-hour clock", { mon: [["7am", "7pm"]] }],
    ["seconds", { mon: [["07:00:00", "19:00"]] }],
    ["unknown day", { monday: [["07:00", "19:00"]] }],
    ["open time without close", { mon: [["07:00"]] }],
    ["not a list", { mon: "07:00-19:00" }],
  ])("rejects %s", (_label, hours) => {
    expect(businessHoursSchema.safeParse(hours).success).toBe(false);
  });

  it("gives the HH:MM message for 25:00", () => {
    const result = businessHoursSchema.safeParse({ tue: [["08:00", "25:00"]] });
    expect(result.error?.issues[0]?.message).toBe("Use HH:MM, 24-hour");
    expect(result.error?.issues[0]?.path).toEqual(["tue", 0, 1]);
  });
});

describe("parseBusinessHours", () => {
  it("round-trips the default hours", () => {
    expect(parseBusinessHours(JSON.stringify(defaultBusinessHours))).toEqual(defaultBusinessHours);
  });

  it("treats invalid hours as closed everywhere", () => {
    expect(parseBusinessHours('{"mon":[["07:00","25:00"]]}')).toEqual({});
  });
});
