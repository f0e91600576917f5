import { describe, expect, it } from "vitest";
import { BODY_REGIONS, EXERCISES, exerciseById, exercisesForRegion, SAFETY_EN, SAFETY_ES } from "../../../src/hep/library";

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== "");

describe("exercise library", () => {
  it("has about 40 exercises", () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(35);
    expect(EXERCISES.length).toBeLessThanOrEqual(50);
  });

  it("has unique kebab-case ids", () => {
    const ids = EXERCISES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("looks exercises up by id", () => {
    expect(exerciseById("bridge")?.name).toBe("Bridge");
    expect(exerciseById("no-such-exercise")).toBeUndefined();
  });

  it.each(EXERCISES.map((e) => [e.id, e] as const))("%s: names and instructions in English and Spanish", (_, e) => {
    for (const text of [e.name, e.nameEs, e.instructions, e.instructionsEs]) {
      expect(text.trim()).not.toBe("");
      expect(text).toBe(text.trim());
    }
    expect(e.nameEs).not.toBe(e.name);
    expect(e.instructionsEs).not.toBe(e.instructions);
    for (const text of [e.instructions, e.instructionsEs]) {
      expect(text.length).toBeLessThanOrEqual(400);
      expect(sentences(text).length).toBeGreaterThanOrEqual(2);
      expect(sentences(text).length).toBeLessThanOrEqual(4);
      expect(text).toMatch(/[.!?]$/);
    }
    expect(e.instructions).toContain(SAFETY_EN);
    expect(e.instructionsEs).toContain(SAFETY_ES);
  });

  it.each(EXERCISES.map((e) => [e.id, e] as const))("%s: sensible default dose and known body regions", (_, e) => {
    const d = e.defaults;
    for (const n of [d.sets, d.reps, d.holdSeconds, d.timesPerDay, d.daysPerWeek]) expect(Number.isInteger(n)).toBe(true);
    expect(d.sets).toBeGreaterThanOrEqual(1);
    expect(d.sets).toBeLessThanOrEqual(5);
    expect(d.reps).toBeGreaterThanOrEqual(1);
    expect(d.reps).toBeLessThanOrEqual(30);
    expect(d.holdSeconds).toBeGreaterThanOrEqual(0);
    expect(d.holdSeconds).toBeLessThanOrEqual(120);
    expect(d.timesPerDay).toBeGreaterThanOrEqual(1);
    expect(d.timesPerDay).toBeLessThanOrEqual(3);
    expect(d.daysPerWeek).toBeGreaterThanOrEqual(1);
    expect(d.daysPerWeek).toBeLessThanOrEqual(7);
    expect(e.bodyRegions.length).toBeGreaterThan(0);
    expect(new Set(e.bodyRegions).size).toBe(e.bodyRegions.length);
    for (const r of e.bodyRegions) expect(BODY_REGIONS).toContain(r);
  });

  it.each([...BODY_REGIONS])("covers body region %s", (region) => {
    expect(exercisesForRegion(region).length).toBeGreaterThan(0);
  });

  it("has no duplicate names in either language", () => {
    expect(new Set(EXERCISES.map((e) => e.name.toLowerCase())).size).toBe(EXERCISES.length);
    expect(new Set(EXERCISES.map((e) => e.nameEs.toLowerCase())).size).toBe(EXERCISES.length);
  });
});
