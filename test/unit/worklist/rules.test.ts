import { describe, expect, it } from "vitest";
import { authorizationState } from "../../../src/episodes/model";
import { taskForExpiringAuthorization, tasksAfterAttendedVisit } from "../../../src/worklist/rules";

const today = "2026-11-30";

/** An authorization of `authorized` visits of which `used` were attended, ending on `endDate`. */
const auth = (authorized: number, used: number, endDate = "2027-03-31", id = "auth-1") => ({
  id,
  payer: "Blue Shield",
  state: authorizationState({ visitsAuthorized: authorized, endDate }, used, today),
});

const tasksAfter = (attendedInEpisode: number, authorizations: ReturnType<typeof auth>[] = []) =>
  tasksAfterAttendedVisit({ patientId: "p1", episodeId: "e1", attendedInEpisode, authorizations, today });

describe("progress note due", () => {
  it.each([
    [10, true],
    [20, true],
    [30, true],
    [9, false],
    [11, false],
    [19, false],
    [1, false],
    [0, false],
  ])("after %i attended visits: task %s", (visits, due) => {
    const tasks = tasksAfter(visits).filter((t) => t.type === "progress_note_due");
    expect(tasks).toHaveLength(due ? 1 : 0);
    if (due) {
      expect(tasks[0]).toMatchObject({ patientId: "p1", dueDate: today, title: `Progress note due (visit ${visits})` });
    }
  });

  it("the 10th and the 20th visit are different tasks, each with a stable key", () => {
    const tenth = tasksAfter(10)[0];
    const twentieth = tasksAfter(20)[0];
    expect(tenth?.ruleKey).toBe(tasksAfter(10)[0]?.ruleKey);
    expect(tenth?.ruleKey).not.toBe(twentieth?.ruleKey);
    // The key names the episode, so another episode of the same patient gets its own note.
    const otherEpisode = tasksAfterAttendedVisit({ patientId: "p1", episodeId: "e2", attendedInEpisode: 10, authorizations: [], today });
    expect(otherEpisode[0]?.ruleKey).not.toBe(tenth?.ruleKey);
  });
});

describe("authorization running low", () => {
  it("2 visits left makes a task that says so", () => {
    const tasks = tasksAfter(1, [auth(3, 1)]);
    expect(tasks).toEqual([
      {
        ruleKey: "authorization-visits:auth-1",
        type: "authorization_expiring",
        title: "Blue Shield authorization: 2 visits left",
        patientId: "p1",
        dueDate: today,
      },
    ]);
  });

  it("1 visit left is singular", () => {
    expect(tasksAfter(2, [auth(3, 2)])[0]?.title).toBe("Blue Shield authorization: 1 visit left");
  });

  it("3 visits left makes no task", () => {
    expect(tasksAfter(2, [auth(5, 2)])).toEqual([]);
  });

  it("an expired authorization makes no task, even with few visits left", () => {
    expect(tasksAfter(1, [auth(3, 1, "2026-11-29")])).toEqual([]);
  });

  it("an authorization ending today is not expired yet", () => {
    expect(tasksAfter(1, [auth(3, 1, today)])).toHaveLength(1);
  });

  it("the key is the authorization's own: 2 left then 1 left is still one task", () => {
    const twoLeft = tasksAfter(1, [auth(3, 1)])[0];
    const oneLeft = tasksAfter(2, [auth(3, 2)])[0];
    expect(twoLeft?.ruleKey).toBe(oneLeft?.ruleKey);
    expect(tasksAfter(1, [auth(3, 1, "2027-03-31", "auth-2")])[0]?.ruleKey).not.toBe(twoLeft?.ruleKey);
  });

  it("the 10th visit with an authorization running low makes both tasks", () => {
    const tasks = tasksAfter(10, [auth(12, 10)]);
    expect(tasks.map((t) => t.type).sort()).toEqual(["authorization_expiring", "progress_note_due"]);
  });
});

describe("authorization ending soon (daily job)", () => {
  it("names the payer and end date, due today, with a key per authorization", () => {
    const a = { id: "auth-9", payer: "Aetna", patientId: "p1", endDate: "2026-12-10" };
    const task = taskForExpiringAuthorization(a, today);
    expect(task).toEqual({
      ruleKey: "authorization-expiry:auth-9",
      type: "authorization_expiring",
      title: "Aetna authorization ends 2026-12-10",
      patientId: "p1",
      dueDate: today,
    });
    // The next day's run asks for the same task: same key, so still one task.
    expect(taskForExpiringAuthorization(a, "2026-12-01").ruleKey).toBe(task.ruleKey);
  });
});
