import { describe, expect, it } from "vitest";
import { compareVersions, stampOf } from "../../../../src/ehr/fhir/version";

const s = (versionId: string | null, lastUpdated: string | null = null) => ({
  versionId,
  lastUpdated: lastUpdated ? Date.parse(lastUpdated) : null,
});

describe("compareVersions", () => {
  it.each([
    [s("2"), s("1"), "newer"],
    [s("1"), s("2"), "older"],
    [s("10"), s("9"), "newer"],
    [s("3"), s("3"), "same"],
    [s("abc", "2026-11-02T00:00:00Z"), s("def", "2026-11-01T00:00:00Z"), "newer"],
    [s("abc", "2026-11-01T00:00:00Z"), s("def", "2026-11-02T00:00:00Z"), "older"],
    [s(null, "2026-11-01T00:00:00Z"), s(null, "2026-11-02T00:00:00Z"), "older"],
    [s(null, "2026-11-02T00:00:00Z"), s(null, "2026-11-02T00:00:00Z"), "same"],
    [s("W/1"), s("W/1"), "same"],
    [s(null), s(null), "newer"],
    // A version number is trusted over a clock that disagrees.
    [s("2", "2026-11-01T00:00:00Z"), s("1", "2026-11-02T00:00:00Z"), "newer"],
  ])("%o against %o: %s", (incoming, applied, expected) => {
    expect(compareVersions(incoming, applied)).toBe(expected);
  });

  it("reads meta, ignoring what does not parse", () => {
    expect(stampOf({ meta: { versionId: " 7 ", lastUpdated: "2026-11-02T10:00:00.000+00:00" } })).toEqual({
      versionId: "7",
      lastUpdated: Date.parse("2026-11-02T10:00:00Z"),
    });
    expect(stampOf({ meta: { versionId: 7, lastUpdated: "yesterday" } })).toEqual({ versionId: null, lastUpdated: null });
    expect(stampOf({})).toEqual({ versionId: null, lastUpdated: null });
  });
});
