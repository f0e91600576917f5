import { describe, expect, it } from "vitest";
import { readHl7Envelope } from "../../../../src/ehr/hl7v2/index";
import {
  component,
  decodeEscapes,
  fieldValue,
  firstSegment,
  type Hl7Message,
  parseHl7,
  rawField,
  repetitions,
  segmentsNamed,
  subValue,
  textAt,
} from "../../../../src/ehr/hl7v2/parse";

const standard = { field: "|", component: "^", repetition: "~", escape: "\\", subcomponent: "&" };

function parsed(text: string): Hl7Message {
  const result = parseHl7(text);
  if (!result.ok) throw new Error(result.reason);
  return result.message;
}

const sample = [
  "MSH|^~\\&|ClinicEHR|Riverside PT|Rapport||20250301090000-0500||SIU^S12^SIU_S12|CTRL-1|P|2.5.1",
  "SCH|PL-77|FL-5001",
  "PID|1||MRN-1001^^^RIVERSIDE&2.16.840.1.113883.19.5&ISO^MR~A-22^^^OTHER^PI||Rivera^Ana",
];

describe("parseHl7", () => {
  it.each([
    ["\\r", "\r"],
    ["\\n", "\n"],
    ["\\r\\n", "\r\n"],
  ])("splits segments separated by %s", (_, separator) => {
    const message = parsed(sample.join(separator));
    expect(message.segments.map((s) => s.name)).toEqual(["MSH", "SCH", "PID"]);
    expect(textAt(firstSegment(message, "PID"), 5, 2)).toBe("Ana");
  });

  it("ignores blank lines, a trailing separator and MLLP framing", () => {
    const framed = `\u000b${sample.join("\r")}\r\r\n\u001c\r`;
    expect(parsed(framed).segments).toHaveLength(3);
  });

  it("numbers MSH fields as the standard does: MSH-1 is the field separator, MSH-2 the encoding characters", () => {
    const header = parsed(sample.join("\r")).segments[0];
    if (!header) throw new Error("no MSH");
    expect(rawField(header, 1)).toBe("|");
    expect(rawField(header, 2)).toBe("^~\\&");
    expect(rawField(header, 3)).toBe("ClinicEHR");
    expect(rawField(header, 7)).toBe("20250301090000-0500");
    expect(component(fieldValue(header, 9), 2)).toBe("S12");
    expect(textAt(header, 10)).toBe("CTRL-1");
    // MSH-2 is never split or unescaped, though it is made of separators and the escape character.
    expect(repetitions(header, 2)).toEqual([[["^~\\&"]]]);
  });

  it("numbers other segments from 1 after the segment id", () => {
    const pid = firstSegment(parsed(sample.join("\r")), "PID");
    if (!pid) throw new Error("no PID");
    expect(rawField(pid, 1)).toBe("1");
    expect(rawField(pid, 2)).toBe("");
    expect(rawField(pid, 99)).toBe("");
  });

  it("splits repetitions, components and subcomponents", () => {
    const pid = firstSegment(parsed(sample.join("\r")), "PID");
    if (!pid) throw new Error("no PID");
    const [first, second] = repetitions(pid, 3);
    expect(component(first, 1)).toBe("MRN-1001");
    expect(component(first, 5)).toBe("MR");
    expect(component(first, 4, 2)).toBe("2.16.840.1.113883.19.5");
    expect(component(subValue(first, 4), 3)).toBe("ISO");
    expect(component(second, 1)).toBe("A-22");
    expect(component(second, 9)).toBe("");
    expect(repetitions(pid, 4)).toEqual([]);
  });

  it("reads the separators each message declares in MSH-1 and MSH-2", () => {
    const custom = ["MSH#*$!@#App#Fac#####SIU*S12#C-9#P#2.5", "PID#1##MRN-7***OTHER@Y*MR$MRN-8##Doe*Jane"].join("\r");
    const message = parsed(custom);
    expect(message.delimiters).toEqual({ field: "#", component: "*", repetition: "$", escape: "!", subcomponent: "@" });
    const pid = firstSegment(message, "PID");
    if (!pid) throw new Error("no PID");
    const [first, second] = repetitions(pid, 3);
    expect(component(first, 1)).toBe("MRN-7");
    expect(component(first, 4, 1)).toBe("OTHER");
    expect(component(first, 4, 2)).toBe("Y");
    expect(component(second, 1)).toBe("MRN-8");
    expect(textAt(pid, 5, 2)).toBe("Jane");
    expect(segmentsNamed(message, "PID")).toHaveLength(1);
  });

  it("accepts the fifth (truncation) encoding character of v2.7 and later", () => {
    const message = parsed("MSH|^~\\&#|App|Fac|||||SIU^S12|C-1|P|2.7\rPID|1||M-1");
    expect(message.delimiters.subcomponent).toBe("&");
    expect(textAt(firstSegment(message, "PID"), 3)).toBe("M-1");
  });

  it.each([
    ["", "The HL7 message is empty."],
    ["\r\n\r\n", "The HL7 message is empty."],
    ["PID|1||M-1\rMSH|^~\\&|App", "An HL7 v2 message must start with an MSH segment."],
    ['{"resourceType":"Patient"}', "An HL7 v2 message must start with an MSH segment."],
    ["MSH|^~|App", "The MSH segment does not declare its separators (MSH-1 and MSH-2 should read |^~\\&)."],
    ["MSH|^^\\&|App", "The MSH segment does not declare its separators (MSH-1 and MSH-2 should read |^~\\&)."],
    ["MSHA^~\\&|App", "The MSH segment does not declare its separators (MSH-1 and MSH-2 should read |^~\\&)."],
    ["MSH|^~\\&|App\rthis is not a segment", "Line 2 of the HL7 message is not a segment."],
  ])("refuses %j: %s", (text, reason) => {
    expect(parseHl7(text)).toEqual({ ok: false, reason });
  });
});

describe("decodeEscapes", () => {
  it.each([
    ["Smith\\F\\Jones", "Smith|Jones"],
    ["A\\S\\B", "A^B"],
    ["shoes \\T\\ shorts", "shoes & shorts"],
    ["one\\R\\two", "one~two"],
    ["back\\E\\slash", "back\\slash"],
    ["line one\\.br\\line two", "line one\nline two"],
    ["\\H\\important\\N\\ note", "important note"],
    ["caf\\XC3A9\\", "café"],
    ["Jos\\XE9\\", "José"],
    ["\\C2842\\kana", "kana"],
    ["no escapes here", "no escapes here"],
    ["unknown \\Q\\ stays", "unknown \\Q\\ stays"],
    ["an unclosed \\F escape", "an unclosed \\F escape"],
  ])("%j -> %j", (raw, decoded) => {
    expect(decodeEscapes(raw, standard)).toBe(decoded);
  });

  it("decodes after splitting, so an escaped separator stays inside its component", () => {
    const pid = firstSegment(parsed("MSH|^~\\&|A|B|||||SIU^S12|C|P|2.5\rPID|1||M\\S\\1^^^AUTH\\T\\X^MR||O\\F\\Brien^Pat"), "PID");
    if (!pid) throw new Error("no PID");
    const [id] = repetitions(pid, 3);
    expect(component(id, 1)).toBe("M^1");
    expect(component(id, 4)).toBe("AUTH&X");
    expect(component(id, 5)).toBe("MR");
    expect(textAt(pid, 5)).toBe("O|Brien");
  });

  it("uses the escape character the message declares", () => {
    const message = parsed("MSH#*$!@#App#Fac#####SIU*S12#C-9#P#2.5\rNTE#1##a !F! b !T! c");
    expect(textAt(firstSegment(message, "NTE"), 3)).toBe("a # b @ c");
  });
});

describe("readHl7Envelope", () => {
  it("says what the message is and its control id", () => {
    expect(readHl7Envelope(sample.join("\r"))).toEqual({ ok: true, summary: "SIU^S12", controlId: "CTRL-1" });
    expect(readHl7Envelope(sample.join("\n").replace("SIU^S12^SIU_S12", "ADT^A04"))).toEqual({
      ok: true,
      summary: "ADT^A04",
      controlId: "CTRL-1",
    });
  });

  it.each([
    ["not HL7", '{"resourceType":"Bundle"}', "An HL7 v2 message must start with an MSH segment."],
    ["no message type", sample.join("\r").replace("SIU^S12^SIU_S12", ""), "The message does not say what kind of message it is (MSH-9)."],
    ["no control id", sample.join("\r").replace("|CTRL-1|", "||"), "The message has no control id (MSH-10)."],
  ])("refuses %s", (_, text, reason) => {
    expect(readHl7Envelope(text)).toEqual({ ok: false, reason });
  });
});
