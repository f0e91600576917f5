import { describe, expect, it } from "vitest";
import { adherenceWords, doseInWords } from "../../../templates/portal/hep-words";
import { hep } from "../../../templates/portal/strings/hep";

describe("dose in the patient's words", () => {
  it.each([
    [
      "en",
      { sets: 2, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 },
      "2 sets of 10 repetitions, hold 5 seconds each time, twice a day, every day",
    ],
    [
      "en",
      { sets: 1, reps: 1, holdSeconds: 1, timesPerDay: 1, daysPerWeek: 1 },
      "1 set of 1 repetition, hold 1 second each time, once a day, 1 day a week",
    ],
    ["en", { sets: 3, reps: 15, holdSeconds: 0, timesPerDay: 3, daysPerWeek: 5 }, "3 sets of 15 repetitions, 3 times a day, 5 days a week"],
    [
      "es",
      { sets: 2, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 },
      "2 series de 10 repeticiones, mantenga 5 segundos cada vez, dos veces al día, todos los días",
    ],
    [
      "es",
      { sets: 1, reps: 1, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 1 },
      "1 serie de 1 repetición, una vez al día, 1 día a la semana",
    ],
    [
      "es",
      { sets: 3, reps: 12, holdSeconds: 30, timesPerDay: 4, daysPerWeek: 3 },
      "3 series de 12 repeticiones, mantenga 30 segundos cada vez, 4 veces al día, 3 días a la semana",
    ],
  ] as const)("%s %o", (lang, dose, words) => {
    expect(doseInWords(lang, dose)).toBe(words);
  });
});

describe("adherence in friendly words", () => {
  it("cheers from 80%, encourages from half, nudges below", () => {
    expect(adherenceWords("en", { percent: 80, done: 8, prescribed: 10 })).toBe("You did 8 of 10 sessions. Great work, keep it up!");
    expect(adherenceWords("en", { percent: 50, done: 7, prescribed: 14 })).toBe(
      "You did 7 of 14 sessions. Good going: every session helps.",
    );
    expect(adherenceWords("en", { percent: 49, done: 2, prescribed: 4 })).toContain("try to fit one in today");
    expect(adherenceWords("es", { percent: 100, done: 14, prescribed: 14 })).toBe("Hizo 14 de 14 sesiones. ¡Excelente trabajo, siga así!");
    expect(adherenceWords("es", { percent: 10, done: 1, prescribed: 10 })).toBe(
      "Hizo 1 de 10 sesiones. Cada sesión cuenta: intente hacer una hoy.",
    );
  });
});

describe("exercise strings", () => {
  it("has every key in both languages, none empty", () => {
    expect(Object.keys(hep.es).sort()).toEqual(Object.keys(hep.en).sort());
    for (const text of [...Object.values(hep.en), ...Object.values(hep.es)]) expect(text.trim()).not.toBe("");
  });
});
