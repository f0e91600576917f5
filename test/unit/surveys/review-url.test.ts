import { describe, expect, it } from "vitest";
import { parseSettings, reviewUrlProblem } from "../../../src/clinics/model";
import { clinicFormSchema } from "../../../src/clinics/schemas";

describe("the clinic's review page address", () => {
  it.each([
    "https://g.page/r/CabcdEFGH/review",
    "https://www.yelp.com/writeareview/biz/harbor-pt-boston",
    "https://search.google.com/local/writereview?placeid=ChIJ123",
  ])("%s may be saved", (url) => {
    expect(reviewUrlProblem(url)).toBeNull();
  });

  it.each([
    ["http://g.page/r/x/review", /https/],
    ["ftp://g.page/r/x", /https/],
    ["javascript:alert(1)", /https/],
    ["g.page/r/x/review", /full address/],
    ["https://localhost/review", /full address/],
    ["https://10.0.0.1/review", /full address/],
    ["https://user:pw@g.page/r/x", /user name or password/],
    [`https://g.page/${"x".repeat(500)}`, /500/],
  ])("%s is refused", (url, message) => {
    expect(reviewUrlProblem(url)).toMatch(message);
  });

  it("is read from the clinic's settings; a bad stored value reads as none, and the other settings stay", () => {
    expect(parseSettings('{"reviewUrl":"https://g.page/r/x/review"}').reviewUrl).toBe("https://g.page/r/x/review");
    expect(parseSettings('{"reviewUrl":"http://g.page/r/x","reminderLinkDays":3}')).toMatchObject({
      reviewUrl: undefined,
      reminderLinkDays: 3,
    });
    expect(parseSettings("{}").reviewUrl).toBeUndefined();
  });

  it("the settings form takes it trimmed, and blank or absent as none", () => {
    const base = {
      name: "Harbor PT",
      timeZone: "America/New_York",
      phone: "",
      sessionIdleMinutes: "30",
      sessionAbsoluteHours: "12",
      reminderLinkDays: "7",
    };
    expect(clinicFormSchema.parse({ ...base, reviewUrl: " https://g.page/r/x " }).reviewUrl).toBe("https://g.page/r/x");
    expect(clinicFormSchema.parse({ ...base, reviewUrl: "  " }).reviewUrl).toBeNull();
    expect(clinicFormSchema.parse(base).reviewUrl).toBeNull();
    expect(clinicFormSchema.safeParse({ ...base, reviewUrl: "http://g.page/r/x" }).success).toBe(false);
  });
});
