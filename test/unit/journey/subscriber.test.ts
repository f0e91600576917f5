import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/events/publish";
import { journeyEventSchema } from "../../../src/journey/events";
import { toJourneyEvent } from "../../../src/journey/subscriber";

const stored = (type: StoredEvent["type"], payload: StoredEvent["payload"]): StoredEvent => ({
  id: "ev1",
  clinicId: "c1",
  patientId: "p1",
  type,
  payload,
  occurredAt: 1_000,
  actorType: "patient",
  actorId: "p1",
});
const mapped = (type: StoredEvent["type"], payload: StoredEvent["payload"]) => {
  const e = toJourneyEvent(stored(type, payload));
  // Whatever the subscriber makes must pass the DO's own validation.
  expect(journeyEventSchema.safeParse(e).success).toBe(true);
  return e;
};

describe("care events from the domain", () => {
  it("a program change carries whether exercises remain and the prescribed interval (daily when not given)", () => {
    expect(mapped("hep.program_changed", { change: "added", episodeId: "ep1", items: 2, intervalDays: 3 })).toMatchObject({
      type: "hep.program_changed",
      episodeId: "ep1",
      active: true,
      intervalDays: 3,
    });
    expect(mapped("hep.program_changed", { change: "removed", episodeId: null, items: 0 })).toMatchObject({
      active: false,
      intervalDays: 1,
    });
    expect(mapped("hep.program_changed", { change: "changed", episodeId: "ep1", items: 1, intervalDays: 2.5 })).toMatchObject({
      intervalDays: 3,
    });
    expect(mapped("hep.program_changed", { change: "changed", episodeId: "ep1", items: 1, intervalDays: 30 })).toMatchObject({
      intervalDays: 7,
    });
  });

  it("a log keeps its calendar date only when it is a real one", () => {
    expect(mapped("hep.logged", { date: "2026-12-02", exerciseId: "session" })).toMatchObject({ type: "hep.logged", date: "2026-12-02" });
    expect(mapped("hep.logged", { date: "2026-02-31", exerciseId: "session" })).toMatchObject({ date: null });
    expect(mapped("hep.logged", { exerciseId: "session" })).toMatchObject({ date: null });
  });

  it("check-ins and questionnaires map with their facts; an out-of-range score is dropped, not the check-in", () => {
    expect(mapped("checkin.recorded", { score: 6, baseline: 4 })).toMatchObject({ type: "checkin.recorded", score: 6 });
    expect(mapped("checkin.recorded", { score: 11, baseline: null })).toMatchObject({ score: null });
    expect(mapped("questionnaire.completed", { instrumentId: "lefs", score: 52, responseId: "r1" })).toMatchObject({
      type: "questionnaire.completed",
      instrumentId: "lefs",
    });
  });

  it("preferences changes are not the journey's business", () => {
    expect(toJourneyEvent(stored("preferences.changed", { field: "language" }))).toBeNull();
  });
});
