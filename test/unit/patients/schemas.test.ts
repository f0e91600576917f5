import { describe, expect, it } from "vitest";
import { patientFormSchema } from "../../../src/patients/schemas";

const today = "2026-11-27";
const schema = patientFormSchema(today);

/** What the HTML form posts: every field a string, optional ones empty. */
const form = {
  givenName: "José",
  familyName: "Pérez",
  dateOfBirth: "1980-03-07",
  sex: "male",
  phone: "(617) 555-0123",
  email: "jose.perez@example.com",
  preferredLanguage: "es",
  timeZone: "America/New_York",
  addressLine1: "12 Main St",
  addressLine2: "",
  city: "Boston",
  region: "MA",
  postalCode: "02138",
  country: "US",
};

/** The field paths that carry an error, e.g. ["phone"]. */
function errorPaths(input: Record<string, unknown>): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return [...new Set(result.error.issues.map((i) => i.path.join(".")))];
}

function errorMessage(input: Record<string, unknown>, path: string): string | undefined {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  return result.error.issues.find((i) => i.path.join(".") === path)?.message;
}

describe("patientFormSchema", () => {
  it("accepts a complete form, normalising the phone to E.164 and empty optional strings to null", () => {
    const result = schema.safeParse(form);
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      givenName: "José",
      familyName: "Pérez",
      dateOfBirth: "1980-03-07",
      sex: "male",
      phone: "+16175550123",
      email: "jose.perez@example.com",
      preferredLanguage: "es",
      timeZone: "America/New_York",
      addressLine1: "12 Main St",
      addressLine2: null,
      city: "Boston",
      region: "MA",
      postalCode: "02138",
      country: "US",
    });
  });

  it("accepts a minimal form with every optional field empty, missing or null", () => {
    const minimal = { givenName: "Ann", familyName: "Lee", dateOfBirth: "1990-01-01", sex: "female", preferredLanguage: "en" };
    const optional = ["phone", "email", "timeZone", "addressLine1", "addressLine2", "city", "region", "postalCode", "country"];
    for (const blank of ["", "   ", null, undefined]) {
      const input: Record<string, unknown> = { ...minimal };
      for (const key of optional) input[key] = blank;
      const result = schema.safeParse(input);
      expect(result.success, `optional fields = ${JSON.stringify(blank)}`).toBe(true);
      for (const key of optional) expect(result.data?.[key as keyof typeof result.data], key).toBeNull();
    }
  });

  it("trims surrounding spaces", () => {
    const result = schema.parse({ ...form, givenName: "  José ", city: " Boston ", phone: " +44 20 7946 0958 " });
    expect(result.givenName).toBe("José");
    expect(result.city).toBe("Boston");
    expect(result.phone).toBe("+442079460958");
  });

  it.each([
    ["missing first name", { givenName: "" }, "givenName", "Enter the first name"],
    ["blank first name", { givenName: "   " }, "givenName", "Enter the first name"],
    ["absent first name", { givenName: undefined }, "givenName", undefined],
    ["missing last name", { familyName: "" }, "familyName", "Enter the last name"],
    ["first name too long", { givenName: "a".repeat(101) }, "givenName", "At most 100 characters"],
    ["bad phone", { phone: "555-0123" }, "phone", undefined],
    ["phone with letters", { phone: "617-555-CALL" }, "phone", undefined],
    ["empty date of birth", { dateOfBirth: "" }, "dateOfBirth", "Enter the date of birth"],
    ["US-format date of birth", { dateOfBirth: "03/07/1980" }, "dateOfBirth", "Use the format YYYY-MM-DD"],
    ["impossible date", { dateOfBirth: "2023-02-30" }, "dateOfBirth", "That date does not exist"],
    ["future date", { dateOfBirth: "2026-11-28" }, "dateOfBirth", "A birth date cannot be in the future"],
    ["bad email", { email: "jose.perez@" }, "email", "Enter a valid email address"],
    ["email without @", { email: "jose.example.com" }, "email", "Enter a valid email address"],
    ["unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone", "Unknown time zone, e.g. America/New_York"],
    ["lowercase country", { country: "us" }, "country", "Use a two-letter country code"],
    ["country with digits", { country: "U1" }, "country", "Use a two-letter country code"],
    ["three-letter country", { country: "USA" }, "country", undefined],
    ["unknown sex", { sex: "x" }, "sex", "Choose one"],
    ["unsupported language", { preferredLanguage: "fr" }, "preferredLanguage", "Choose English or Spanish"],
    ["postal code too long", { postalCode: "1".repeat(21) }, "postalCode", "At most 20 characters"],
  ])("%s gives an error on %s only", (_label, change, path, message) => {
    const input = { ...form, ...change };
    expect(errorPaths(input)).toEqual([path]);
    if (message) expect(errorMessage(input, path)).toBe(message);
  });

  it("the phone error shows the user an example of a valid number", () => {
    expect(errorMessage({ ...form, phone: "12" }, "phone")).toMatch(/\(617\) 555-0123/);
  });

  it("reports every bad field at once", () => {
    expect(errorPaths({ ...form, givenName: "", phone: "12", email: "nope", country: "us" }).sort()).toEqual(
      ["country", "email", "givenName", "phone"].sort(),
    );
  });

  it("bounds the birth date by the given clinic-local today, not the machine clock", () => {
    const early = patientFormSchema("2000-01-01");
    expect(early.safeParse({ ...form, dateOfBirth: "2000-01-02" }).success).toBe(false);
    expect(early.safeParse({ ...form, dateOfBirth: "1999-12-31" }).success).toBe(true);
  });
});
