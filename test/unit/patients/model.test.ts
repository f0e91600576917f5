import { describe, expect, it } from "vitest";
import { checkDateOfBirth, displayName, escapeLike, fold, planSearch, searchNameOf, toE164 } from "../../../src/patients/model";

describe("toE164", () => {
  it.each([
    // North American numbers, written the ways front desks type them
    ["(617) 555-0123", "+16175550123"],
    ["617-555-0123", "+16175550123"],
    ["617.555.0123", "+16175550123"],
    ["617 555 0123", "+16175550123"],
    ["6175550123", "+16175550123"],
    ["1-617-555-0123", "+16175550123"],
    ["1 (617) 555-0123", "+16175550123"],
    ["16175550123", "+16175550123"],
    ["+1 617 555 0123", "+16175550123"],
    ["+1 (617) 555-0123", "+16175550123"],
    ["+16175550123", "+16175550123"],
    ["  (617) 555-0123  ", "+16175550123"],
    // International numbers keep their own country code
    ["+44 20 7946 0958", "+442079460958"],
    ["+33 1 23 45 67 89", "+33123456789"],
    ["+52 55 1234 5678", "+525512345678"],
  ])("reads %j as %s", (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["   ", "blank"],
    ["12", "far too short"],
    ["555-0123", "seven digits, no area code"],
    ["(017) 555-0123", "area code starting 0"],
    ["(117) 555-0123", "area code starting 1"],
    ["1-017-555-0123", "area code starting 0 after country code 1"],
    ["+1 117 555 0123", "area code starting 1 with +1"],
    ["(617) 055-0123", "exchange starting 0"],
    ["(617) 155-0123", "exchange starting 1"],
    ["617-555-O123", "letter O instead of zero"],
    ["call 617 555 0123", "words"],
    ["617-555-0123 ext 4", "extension"],
    ["+0 20 7946 0958", "country code 0"],
    ["+44 1234", "international too short"],
    ["+44 1234 5678 9012 3456", "more than 15 digits"],
    ["617555012345", "12 digits without +"],
    ["26175550123", "11 digits not starting with 1"],
    ["+1 617 555 01", "+1 with too few digits"],
    ["+1 617 555 01234", "+1 with too many digits"],
  ])("rejects %j (%s)", (input) => {
    expect(toE164(input)).toBeNull();
  });

  it("is idempotent on its own output", () => {
    for (const input of ["(617) 555-0123", "+44 20 7946 0958"]) {
      const once = toE164(input);
      expect(once).not.toBeNull();
      expect(toE164(once as string)).toBe(once);
    }
  });
});

describe("checkDateOfBirth", () => {
  const today = "2026-11-27";

  it.each([
    ["1980-03-07"],
    ["2000-02-29"], // leap year (divisible by 400)
    ["2024-02-29"], // leap year
    ["2026-11-27"], // born today
    ["2026-11-26"],
    ["1896-11-27"], // exactly 130 years ago
    ["1990-12-31"],
    ["1990-01-01"],
  ])("accepts %s", (value) => {
    expect(checkDateOfBirth(value, today)).toBeNull();
  });

  it.each([
    ["03/07/1980", "Use the format YYYY-MM-DD"],
    ["1980-3-7", "Use the format YYYY-MM-DD"],
    ["19800307", "Use the format YYYY-MM-DD"],
    ["1980-03-07T00:00:00Z", "Use the format YYYY-MM-DD"],
    [" 1980-03-07", "Use the format YYYY-MM-DD"],
    ["", "Use the format YYYY-MM-DD"],
    ["yesterday", "Use the format YYYY-MM-DD"],
    ["2023-02-29", "That date does not exist"], // not a leap year
    ["1900-02-29", "That date does not exist"], // century, not a leap year
    ["2023-02-30", "That date does not exist"],
    ["2023-04-31", "That date does not exist"],
    ["2023-13-01", "That date does not exist"],
    ["2023-00-10", "That date does not exist"],
    ["2023-01-00", "That date does not exist"],
    ["2023-01-32", "That date does not exist"],
    ["2026-11-28", "A birth date cannot be in the future"],
    ["2027-01-01", "A birth date cannot be in the future"],
    ["2090-06-15", "A birth date cannot be in the future"],
    ["1895-06-15", "A birth date more than 130 years ago is not plausible"],
    ["1800-01-01", "A birth date more than 130 years ago is not plausible"],
  ])("rejects %s with %j", (value, message) => {
    expect(checkDateOfBirth(value, today)).toBe(message);
  });

  it("rejects a birth date more than 130 years ago even within the same calendar year", () => {
    // 1896-11-26 is 130 years and one day before 2026-11-27; 1896-01-01 is almost 131 years before.
    expect(checkDateOfBirth("1896-11-26", today)).toBe("A birth date more than 130 years ago is not plausible");
    expect(checkDateOfBirth("1896-01-01", today)).toBe("A birth date more than 130 years ago is not plausible");
  });

  it("rejects Feb 29 in a year that is not a leap year relative to a leap-day today", () => {
    expect(checkDateOfBirth("2023-02-29", "2024-02-29")).toBe("That date does not exist");
    expect(checkDateOfBirth("2024-02-29", "2024-02-29")).toBeNull();
  });

  it("rejects two-digit-year style dates instead of reading them as 19xx", () => {
    expect(checkDateOfBirth("0080-03-07", today)).not.toBeNull();
  });
});

describe("searchNameOf / fold", () => {
  it.each([
    ["José", "Pérez", "perez jose"],
    ["Mary", "Smith", "smith mary"],
    ["  Ana María ", " de la  Cruz ", "de la cruz ana maria"],
    ["François", "Müller", "muller francois"],
    ["Zoë", "Núñez", "nunez zoe"],
    ["Seán", "O'Brien", "o'brien sean"],
  ])("%s %s -> %j", (given, family, expected) => {
    expect(searchNameOf(given, family)).toBe(expected);
  });

  it.each([
    ["JOSÉ", "jose"],
    ["Jose\u0301", "jose"], // decomposed accent
    ["Gutiérrez", "gutierrez"],
    ["a\t\tb\n c", "a b c"],
    ["   ", ""],
    ["ﬁnn", "finn"], // compatibility ligature folds too
  ])("fold(%j) -> %j", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it("makes accented and unaccented spellings meet", () => {
    expect(searchNameOf("José", "Pérez")).toBe(searchNameOf("Jose", "Perez"));
  });

  it("displayName puts the given name first", () => {
    expect(displayName({ givenName: "José", familyName: "Pérez" })).toBe("José Pérez");
  });
});

describe("planSearch", () => {
  it.each([
    ["empty", "", { nameTokens: [], phoneDigits: null, dateOfBirth: null, identifier: null }],
    ["blank", "   ", { nameTokens: [], phoneDigits: null, dateOfBirth: null, identifier: null }],
    ["single name", "perez", { nameTokens: ["perez"], phoneDigits: null, dateOfBirth: null, identifier: "perez" }],
    ["accented name", "Pérez", { nameTokens: ["perez"], phoneDigits: null, dateOfBirth: null, identifier: "Pérez" }],
    ["family, given", "Pérez, José", { nameTokens: ["perez", "jose"], phoneDigits: null, dateOfBirth: null, identifier: "Pérez, José" }],
    [
      "given family, trimmed",
      "  José   Pérez  ",
      { nameTokens: ["jose", "perez"], phoneDigits: null, dateOfBirth: null, identifier: "José   Pérez" },
    ],
    [
      "formatted US phone",
      "(617) 555-0123",
      { nameTokens: [], phoneDigits: "6175550123", dateOfBirth: null, identifier: "(617) 555-0123" },
    ],
    [
      "E.164 phone keeps last 10 digits",
      "+1 617 555 0123",
      { nameTokens: [], phoneDigits: "6175550123", dateOfBirth: null, identifier: "+1 617 555 0123" },
    ],
    [
      "phone with leading 1",
      "1-617-555-0123",
      { nameTokens: [], phoneDigits: "6175550123", dateOfBirth: null, identifier: "1-617-555-0123" },
    ],
    ["partial phone", "0123", { nameTokens: [], phoneDigits: "0123", dateOfBirth: null, identifier: "0123" }],
    ["three digits is not a phone", "012", { nameTokens: [], phoneDigits: null, dateOfBirth: null, identifier: "012" }],
    ["ISO date", "1980-03-07", { nameTokens: [], phoneDigits: null, dateOfBirth: "1980-03-07", identifier: "1980-03-07" }],
    ["US date", "3/7/1980", { nameTokens: [], phoneDigits: null, dateOfBirth: "1980-03-07", identifier: "3/7/1980" }],
    ["US date padded", "03/07/1980", { nameTokens: [], phoneDigits: null, dateOfBirth: "1980-03-07", identifier: "03/07/1980" }],
    ["US date two-digit day", "12/25/1975", { nameTokens: [], phoneDigits: null, dateOfBirth: "1975-12-25", identifier: "12/25/1975" }],
    ["MRN", "DPT-10000", { nameTokens: ["dpt-10000"], phoneDigits: null, dateOfBirth: null, identifier: "DPT-10000" }],
  ])("%s: %j", (_label, q, expected) => {
    expect(planSearch(q)).toEqual(expected);
  });

  it("keeps at most four name tokens", () => {
    expect(planSearch("a b c d e f").nameTokens).toEqual(["a", "b", "c", "d"]);
  });

  it("reads at most 100 characters", () => {
    const plan = planSearch(`${"x".repeat(150)}`);
    expect(plan.identifier).toHaveLength(100);
    expect(plan.nameTokens[0]).toHaveLength(100);
  });

  it("does not treat a two-digit year as a US date", () => {
    expect(planSearch("3/7/80").dateOfBirth).toBeNull();
  });
});

describe("escapeLike", () => {
  it.each([
    ["plain", "plain"],
    ["50%", "50\\%"],
    ["a_b", "a\\_b"],
    ["back\\slash", "back\\\\slash"],
    ["%_\\", "\\%\\_\\\\"],
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    expect(escapeLike(input)).toBe(expected);
  });
});
