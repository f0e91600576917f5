import { describe, expect, it } from "vitest";
import { categoryOf, isSurveyScore, npsOf, parseScoreReply, recoveryOwner, serviceRecoveryTitle } from "../../../src/surveys/model";
import { answerIdOfReviewToken, reviewPath, reviewToken } from "../../../src/surveys/review-link";

describe("NPS categories", () => {
  it.each([
    [0, "detractor"],
    [6, "detractor"],
    [7, "passive"],
    [8, "passive"],
    [9, "promoter"],
    [10, "promoter"],
  ] as const)("%i is a %s", (score, category) => {
    expect(categoryOf(score)).toBe(category);
  });

  it("only whole numbers 0-10 are scores", () => {
    for (const n of [0, 5, 10]) expect(isSurveyScore(n)).toBe(true);
    for (const n of [-1, 11, 9.5, Number.NaN, "9", null]) expect(isSurveyScore(n)).toBe(false);
  });
});

describe("npsOf", () => {
  it("is % promoters minus % detractors; passives count in the total only", () => {
    // 4 promoters, 2 passives, 4 detractors of 10: 40% - 40% = 0.
    expect(npsOf([10, 9, 9, 10, 7, 8, 0, 3, 6, 5])).toBe(0);
    // 3 promoters, 1 passive of 4: 75 - 0.
    expect(npsOf([9, 10, 10, 8])).toBe(75);
    // 1 promoter, 2 detractors of 3: 33.3 - 66.7 = -33.3.
    expect(npsOf([9, 6, 0])).toBeCloseTo(-33.333, 2);
  });

  it("spans -100 to 100, and is null with no answers", () => {
    expect(npsOf([10, 9])).toBe(100);
    expect(npsOf([0, 6])).toBe(-100);
    expect(npsOf([7, 8])).toBe(0);
    expect(npsOf([])).toBeNull();
  });
});

describe("parseScoreReply", () => {
  it.each([
    ["9", 9],
    ["10", 10],
    ["0", 0],
    [" 7 ", 7],
    ["10!", 10],
    ["10!!!", 10],
    ["9.", 9],
    ["a 9", 9],
    ["an 8", 8],
    ["9/10", 9],
    ["9 / 10", 9],
    ["10/10", 10],
    ["8 out of 10", 8],
    ["8 of 10", 8],
    ["nine", 9],
    ["Ten!", 10],
    ["zero", 0],
    ["nueve", 9],
    ["¡Diez!", 10],
    ["un 9", 9],
    ["9 de 10", 9],
    ["diez de diez", 10],
    ["cero", 0],
    ["9 thanks", 9],
    ["10 gracias", 10],
    ["9 👍", 9],
    ["10 ❤️", 10],
    ['"9"', 9],
  ])("%j reads as %i", (text, score) => {
    expect(parseScoreReply(text)).toBe(score);
  });

  it.each([
    "19",
    "11",
    "-1",
    "09",
    "100",
    "9.5",
    "9,5",
    "7-8",
    "10:30",
    "1 2",
    "5 stars",
    "10/10 would recommend",
    "I'd say 9 because the staff were great",
    "9 out of 5",
    "",
    "👍",
    "a",
    "un",
    "STOP",
    "stop",
    "HELP",
    "START",
    "C",
    "X",
    "R",
    "yes",
    "Y",
    "cancel",
    "baja",
    "nine thousand",
  ])("%j is not a score", (text) => {
    expect(parseScoreReply(text)).toBeNull();
  });

  it("a long message is never a score", () => {
    expect(parseScoreReply(`9${" ".repeat(80)}`)).toBeNull();
  });
});

describe("serviceRecoveryTitle", () => {
  it("names the score, and the start of the comment when there is one", () => {
    expect(serviceRecoveryTitle(4, null)).toBe("Unhappy after discharge (rated us 4 of 10): call to put things right");
    expect(serviceRecoveryTitle(2, "  The front desk   lost my referral ")).toBe(
      "Unhappy after discharge (rated us 2 of 10): call to put things right. They wrote: “The front desk lost my referral”",
    );
  });

  it("clips a long comment so the worklist stays readable", () => {
    const title = serviceRecoveryTitle(0, "x".repeat(400));
    expect(title.length).toBeLessThan(260);
    expect(title.endsWith("…”")).toBe(true);
  });
});

describe("recoveryOwner", () => {
  const s = (id: string, role: string, active = true, createdAt = 1) => ({ id, role, active, createdAt });

  it("is the first active owner, else the first active admin, else nobody", () => {
    expect(recoveryOwner([s("t", "therapist"), s("o2", "owner", true, 5), s("o1", "owner", true, 2), s("a", "admin")])).toBe("o1");
    expect(recoveryOwner([s("o", "owner", false), s("a2", "admin", true, 9), s("a1", "admin", true, 3)])).toBe("a1");
    expect(recoveryOwner([s("t", "therapist"), s("f", "front_desk")])).toBeNull();
  });
});

describe("review link tokens", () => {
  const secret = "unit-test-portal-secret-0123456789abcdef";
  const answerId = "01kbq4v0000000000000000abc";

  it("round-trips, is short, and names no patient", async () => {
    const token = await reviewToken(secret, answerId);
    expect(token).toMatch(/^[0-9a-z]{26}\.[A-Za-z0-9_-]{22}$/);
    expect(reviewPath(token)).toBe(`/p/r/${token}`);
    expect(await answerIdOfReviewToken(secret, token)).toBe(answerId);
  });

  it("refuses a tampered tag, another answer's id, another secret, or a malformed token", async () => {
    const token = await reviewToken(secret, answerId);
    const [id, mac = ""] = token.split(".");
    const flipped = `${id}.${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    expect(await answerIdOfReviewToken(secret, flipped)).toBeNull();
    expect(await answerIdOfReviewToken(secret, `01kbq4v0000000000000000abd.${mac}`)).toBeNull();
    expect(await answerIdOfReviewToken("another-secret-0123456789abcdef0123", token)).toBeNull();
    for (const bad of ["", answerId, `${token}x`, `${id}.${mac}.x`]) expect(await answerIdOfReviewToken(secret, bad)).toBeNull();
  });
});
