import { describe, expect, it } from "vitest";
import { readCheckInForm, readQuestionnaireForm } from "../../../src/outcomes/form";
import { instruments } from "../../../src/outcomes/questionnaires";

describe("check-in form", () => {
  it("accepts a whole number 0-10 and an optional note", () => {
    expect(readCheckInForm({ pain: "6", note: "  stairs hurt " })).toMatchObject({ ok: true, value: { pain: 6, note: "stairs hurt" } });
    expect(readCheckInForm({ pain: "0", note: "" })).toMatchObject({ ok: true, value: { pain: 0, note: null } });
  });

  it.each([
    ["11", "choose"],
    ["-1", "choose"],
    ["3.5", "choose"],
    ["ten", "choose"],
    ["1000", "choose"],
    ["", "required"],
  ])("pain %j is refused as %s", (pain, problem) => {
    const read = readCheckInForm({ pain });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems).toEqual({ pain: problem });
    expect(read.values.pain).toBe(pain);
  });

  it("refuses a note over 500 characters and a missing pain", () => {
    const read = readCheckInForm({ pain: "4", note: "x".repeat(501) });
    expect(read.ok ? null : read.problems).toEqual({ note: "too_long" });
    expect(readCheckInForm({})).toMatchObject({ ok: false, problems: { pain: "required" } });
  });
});

describe("questionnaire form", () => {
  const allOf = (id: "lefs" | "odi" | "ndi", value: string) =>
    Object.fromEntries(instruments[id].questionnaire.item.map((i) => [i.linkId, value]));

  it("reads every item and ignores fields that are not items", () => {
    const read = readQuestionnaireForm(instruments.lefs, { ...allOf("lefs", "3"), _csrf: "x" });
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(Object.keys(read.value)).toHaveLength(20);
      expect(read.value["lefs-1"]).toBe(3);
    }
  });

  it("names a missing item as required and an impossible one as 'choose'", () => {
    const body = { ...allOf("lefs", "2"), "lefs-4": "", "lefs-9": "7" };
    const read = readQuestionnaireForm(instruments.lefs, body);
    expect(read.ok ? null : read.problems).toEqual({ "lefs-4": "required", "lefs-9": "choose" });
    if (!read.ok) expect(read.values["lefs-9"]).toBe("7");
  });

  it("lets ODI leave one section blank but not two", () => {
    expect(readQuestionnaireForm(instruments.odi, { ...allOf("odi", "1"), "odi-8": "" }).ok).toBe(true);
    const two = readQuestionnaireForm(instruments.odi, { ...allOf("odi", "1"), "odi-8": "", "odi-2": "" });
    expect(two.ok ? null : two.problems).toEqual({ "odi-8": "required", "odi-2": "required" });
  });

  it("PSFS: a rating needs an activity name, an activity needs a rating, one is required", () => {
    const noName = readQuestionnaireForm(instruments.psfs, { "psfs-1-activity": "Stairs", "psfs-1-rating": "4", "psfs-2-rating": "5" });
    expect(noName.ok ? null : noName.problems).toEqual({ "psfs-2-activity": "name_activity" });
    const noRating = readQuestionnaireForm(instruments.psfs, { "psfs-1-activity": "Stairs" });
    expect(noRating.ok ? null : noRating.problems).toEqual({ "psfs-1-rating": "required" });
    const empty = readQuestionnaireForm(instruments.psfs, {});
    expect(empty.ok ? null : empty.problems).toEqual({ "psfs-1-activity": "required" });
    const long = readQuestionnaireForm(instruments.psfs, { "psfs-1-activity": "x".repeat(201), "psfs-1-rating": "3" });
    expect(long.ok ? null : long.problems).toEqual({ "psfs-1-activity": "too_long" });
  });
});
