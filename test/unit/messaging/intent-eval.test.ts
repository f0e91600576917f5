import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyReply, isConsentRestore } from "../../../src/messaging/intent";
import { asReplyClass, evaluateReplies, parseLabelledReplies, replyClasses } from "../../../src/messaging/intent/evaluation";

const labelled = parseLabelledReplies(readFileSync(new URL("../../fixtures/replies/labelled.jsonl", import.meta.url), "utf8"));
const evaluation = evaluateReplies(labelled, classifyReply);
const scoreOf = (label: string) => evaluation.perClass.find((c) => c.label === label);

describe("the labelled reply set", () => {
  it("is big enough to measure: 150+ replies, 60+ in Spanish, 20+ of every class", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    expect(labelled.filter((r) => r.lang === "es").length).toBeGreaterThanOrEqual(60);
    for (const label of replyClasses) expect(labelled.filter((r) => r.intent === label).length, label).toBeGreaterThanOrEqual(20);
    expect(new Set(labelled.map((r) => r.text)).size).toBe(labelled.length);
  });

  it("rejects a bad line by its number", () => {
    expect(() => parseLabelledReplies('{"text":"C","intent":"confirm","lang":"en"}\n{"text":"C","intent":"maybe","lang":"en"}')).toThrow(
      /line 2/,
    );
  });
});

describe("reply classifier against the labelled set", () => {
  it("reads at least 90% of replies right, in each language too", () => {
    expect(evaluation.accuracy, JSON.stringify(evaluation.mistakes, null, 1)).toBeGreaterThanOrEqual(0.9);
    for (const lang of ["en", "es"]) {
      const part = evaluateReplies(
        labelled.filter((r) => r.lang === lang),
        classifyReply,
      );
      expect(part.accuracy, lang).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("misses almost no opt-out and no pain: those are the costly mistakes", () => {
    expect(scoreOf("opt_out")?.recall).toBeGreaterThanOrEqual(0.85);
    expect(scoreOf("pain")?.recall).toBeGreaterThanOrEqual(0.85);
  });

  it("never reads a request to stop as anything else, nor anything else as one", () => {
    // An opt-out read as something else keeps texting someone who said stop; the reverse silences a patient.
    expect(evaluation.mistakes.filter((m) => m.expected === "opt_out" || m.predicted === "opt_out")).toEqual([]);
  });
});

describe("evaluateReplies", () => {
  it("computes precision, recall and the confusion matrix as by hand", () => {
    const rows = [
      { text: "a", intent: "confirm", lang: "en" },
      { text: "b", intent: "confirm", lang: "en" },
      { text: "c", intent: "cancel", lang: "en" },
      { text: "d", intent: "other", lang: "en" },
    ] as const;
    const answers: Record<string, "confirm" | "cancel" | "help"> = { a: "confirm", b: "cancel", c: "cancel", d: "help" };
    const result = evaluateReplies([...rows], (t) => answers[t] ?? "other");
    expect(result.accuracy).toBe(0.75);
    expect(result.confusion.confirm.cancel).toBe(1);
    // HELP is a carrier keyword, not a class: it counts as "other".
    expect(result.confusion.other.other).toBe(1);
    const cancel = result.perClass.find((c) => c.label === "cancel");
    expect(cancel).toMatchObject({ support: 1, precision: 0.5, recall: 1 });
    expect(cancel?.f1).toBeCloseTo(2 / 3);
    expect(result.perClass.find((c) => c.label === "confirm")).toMatchObject({ precision: 1, recall: 0.5 });
    expect(asReplyClass("opt_in")).toBe("other");
  });
});

describe("classifyReply: the hard ones", () => {
  it.each([
    // Carrier keywords decide alone, whatever their case or punctuation; CANCEL alone is the carrier's opt-out.
    ["STOP!!", "opt_out"],
    ["Stop.", "opt_out"],
    ["cancel", "opt_out"],
    ["CANCEL?", "opt_out"],
    ["Baja", "opt_out"],
    ["START", "opt_in"],
    ["Help", "help"],
    // ...but with more words they are read for what they say.
    ["cancel please", "cancel"],
    ["cancel my 3pm", "cancel"],
    ["stop please", "opt_out"],
    ["stop the reminders please", "opt_out"],
    ["please remove my number", "opt_out"],
    ["remove me from the waitlist, I found a time", "other"],
    ["Do I need to stop taking ibuprofen before the visit?", "question"],
    ["stopped doing the exercises, they make it hurt more", "pain"],
    // Pain wins over scheduling, unless it is mild soreness from someone who is coming.
    ["can't make it, my back went out", "pain"],
    ["yes I'll come but my knee is really swollen", "pain"],
    ["I'm sore but coming", "confirm"],
    ["Me duele un poquito pero ahí estaré", "confirm"],
    ["I'm a bit sore today", "pain"],
    ["My lower back is really bad today", "pain"],
    ["Se me inflamó el tobillo otra vez", "pain"],
    // Pain said the other way round is good news.
    ["No pain today, see you tomorrow", "confirm"],
    ["pain 2/10 today, getting better", "other"],
    ["pain 8/10 today", "pain"],
    ["La rodilla ya no me duele, gracias", "other"],
    // Scheduling.
    ["yes but can we move it", "reschedule"],
    ["not today", "cancel"],
    ["not today but tomorrow works", "reschedule"],
    ["Hoy no puedo, pero manana si", "reschedule"],
    ["no puedo ir manana", "cancel"],
    ["Can I do my exercises at the gym instead of at home", "question"],
    ["can we do 4:30 instead of 3", "reschedule"],
    ["x - flight got moved up", "cancel"],
    ["R - need an evening slot", "reschedule"],
    ["C", "confirm"],
    ["Sii 👍👍", "confirm"],
    ["👍", "confirm"],
    ["❌", "cancel"],
    ["ok thanks", "confirm"],
    ["thanks!", "other"],
    ["10", "other"],
    // Questions without a question mark; a yes with a question needs an answer.
    ["Should I wear shorts", "question"],
    ["a que hora es mi cita", "question"],
    ["Yes, do I need to bring anything?", "question"],
    ["r u open saturday", "question"],
    ["Who's Maria? I think you have the wrong person", "other"],
    // A reaction to our reminder is a yes; a laugh is not an answer.
    [
      "Liked “Hi Ana, a reminder of your visit at Bayside PT on Tue at 3:00 PM. Reply C to confirm, X to cancel, R to reschedule”",
      "confirm",
    ],
    ["Laughed at “Hi Sam, a friendly nudge from Bayside PT: a few minutes of your home exercises today”", "other"],
    ["Disliked “Hi Ana, a reminder of your visit at Bayside PT. Reply C to confirm, X to cancel”", "other"],
  ])("%j -> %s", (text, intent) => {
    expect(classifyReply(text)).toBe(intent);
  });

  it("only bare START, UNSTOP and YES restore consent, as before", () => {
    expect(["START", "unstop!", "YES", "yes please", "Sii", "stop", "C", "Start 👍"].map(isConsentRestore)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      true,
    ]);
  });
});
