/**
 * A small HL7 v2 ER7 ("pipe and hat") parser. It only splits and decodes; what the fields mean is
 * the mapper's business (siu.ts). Pure: no runtime, framework or database imports.
 */

/** The separators a message declares for itself in MSH-1 and MSH-2. */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

export interface Hl7Segment {
  /** The three-character segment id ("MSH", "SCH", "PID"...). */
  readonly name: string;
  /**
   * fields[n] is field n exactly as received (still escaped), so that 1-based HL7 numbering reads
   * as written in the standard; fields[0] is the segment id. In MSH, fields[1] is the field
   * separator itself and fields[2] the encoding characters.
   */
  readonly fields: readonly string[];
  readonly delimiters: Hl7Delimiters;
}

export interface Hl7Message {
  readonly delimiters: Hl7Delimiters;
  readonly segments: readonly Hl7Segment[];
}

/** One repetition of a field, decoded: components, each a list of subcomponents. */
export type Hl7Value = readonly (readonly string[])[];

export type Hl7ParseResult = { ok: true; message: Hl7Message } | { ok: false; reason: string };

// MSH, and the batch and file headers, carry their own separators in fields 1 and 2.
const headerSegments = new Set(["MSH", "BHS", "FHS"]);
const segmentId = /^[A-Z][A-Z0-9]{2}$/;
// MLLP framing (start block VT, end block FS) sometimes survives into an HTTP body.
const framingCharacters = [String.fromCharCode(0x0b), String.fromCharCode(0x1c)];

/** Splits an ER7 message into segments and fields, reading the separators from its MSH segment. */
export function parseHl7(text: string): Hl7ParseResult {
  const lines = framingCharacters
    .reduce((t, c) => t.replaceAll(c, ""), text)
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== "");
  const header = lines[0]?.trimStart();
  if (header === undefined) return { ok: false, reason: "The HL7 message is empty." };
  if (!header.startsWith("MSH")) return { ok: false, reason: "An HL7 v2 message must start with an MSH segment." };
  const delimiters = readDelimiters(header);
  if (!delimiters) {
    return { ok: false, reason: "The MSH segment does not declare its separators (MSH-1 and MSH-2 should read |^~\\&)." };
  }
  const segments: Hl7Segment[] = [];
  for (const [index, raw] of lines.entries()) {
    const line = index === 0 ? header : raw;
    const parts = line.split(delimiters.field);
    const name = parts[0] ?? "";
    if (!segmentId.test(name)) return { ok: false, reason: `Line ${index + 1} of the HL7 message is not a segment.` };
    // "MSH|^~\&|App" splits to [MSH, ^~\&, App]; the standard numbers the separator itself as MSH-1.
    const fields = headerSegments.has(name) ? [name, delimiters.field, ...parts.slice(1)] : parts;
    segments.push({ name, fields, delimiters });
  }
  return { ok: true, message: { delimiters, segments } };
}

function readDelimiters(header: string): Hl7Delimiters | null {
  const field = header.charAt(3);
  const encoding = header.slice(4).split(field)[0] ?? "";
  // Four characters (v2.1 to v2.6) or five (v2.7 adds the truncation character); all distinct.
  const [component, repetition, escapeCharacter, subcomponent] = [...encoding];
  const all = [field, ...encoding];
  if (!field || /[A-Za-z0-9\s]/.test(field) || encoding.length < 4 || encoding.length > 5) return null;
  if (new Set(all).size !== all.length || all.some((c) => /[A-Za-z0-9\s]/.test(c))) return null;
  if (!component || !repetition || !escapeCharacter || !subcomponent) return null;
  return { field, component, repetition, escape: escapeCharacter, subcomponent };
}

/** All segments with this id, in message order. */
export function segmentsNamed(message: Hl7Message, name: string): Hl7Segment[] {
  return message.segments.filter((s) => s.name === name);
}

/** The first segment with this id, if any. */
export function firstSegment(message: Hl7Message, name: string): Hl7Segment | undefined {
  return message.segments.find((s) => s.name === name);
}

/** Field n (1-based) exactly as received, "" when absent. MSH-1 and MSH-2 come back literally. */
export function rawField(segment: Hl7Segment, n: number): string {
  return segment.fields[n] ?? "";
}

/** Field n (1-based), split into repetitions, components and subcomponents, each decoded. */
export function repetitions(segment: Hl7Segment, n: number): Hl7Value[] {
  const raw = rawField(segment, n);
  if (raw === "") return [];
  const d = segment.delimiters;
  if (headerSegments.has(segment.name) && n <= 2) return [[[raw]]];
  return raw
    .split(d.repetition)
    .map((rep) => rep.split(d.component).map((comp) => comp.split(d.subcomponent).map((sub) => decodeEscapes(sub, d))));
}

/** Field n, first repetition, decoded; "" when absent. */
export function fieldValue(segment: Hl7Segment, n: number): Hl7Value {
  return repetitions(segment, n)[0] ?? [];
}

/** Component c (1-based), subcomponent s (1-based) of a decoded value; "" when absent. */
export function component(value: Hl7Value | undefined, c: number, s = 1): string {
  return value?.[c - 1]?.[s - 1] ?? "";
}

/** Component c as its own value, so that a composite inside a component (HD in CX-4) reads with component(). */
export function subValue(value: Hl7Value | undefined, c: number): Hl7Value {
  return (value?.[c - 1] ?? []).map((sub) => [sub]);
}

/** The first component of the first repetition of field n, decoded and trimmed: the common "just the value" read. */
export function textAt(segment: Hl7Segment | undefined, n: number, c = 1, s = 1): string {
  if (!segment) return "";
  return component(fieldValue(segment, n), c, s).trim();
}

/**
 * Decodes HL7 escape sequences (written here with the usual "\" escape character): \F\ \S\ \T\
 * \R\ \E\ give back the separators the message declared, \Xhh..\ is hexadecimal data (read as
 * UTF-8), \.br\ is a line break, and highlighting and character-set switches are dropped. A
 * sequence this parser does not know, or an escape character without a closing one, stays as is.
 */
export function decodeEscapes(text: string, d: Hl7Delimiters): string {
  if (!text.includes(d.escape)) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf(d.escape, i);
    if (start === -1) break;
    const end = text.indexOf(d.escape, start + 1);
    if (end === -1) break;
    out += text.slice(i, start);
    const decoded = decodeSequence(text.slice(start + 1, end), d);
    out += decoded ?? text.slice(start, end + 1);
    i = end + 1;
  }
  return out + text.slice(i);
}

function decodeSequence(code: string, d: Hl7Delimiters): string | null {
  switch (code) {
    case "F":
      return d.field;
    case "S":
      return d.component;
    case "T":
      return d.subcomponent;
    case "R":
      return d.repetition;
    case "E":
      return d.escape;
    case ".br":
      return "\n";
    case "H":
    case "N":
      return "";
  }
  if (/^X([0-9A-Fa-f]{2})+$/.test(code)) return decodeHex(code.slice(1));
  // Character-set switches (\Cxxyy\, \Mxxyyzz\) change how bytes read, not what the text says.
  if (/^(C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4}([0-9A-Fa-f]{2})?)$/.test(code)) return "";
  return null;
}

function decodeHex(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let k = 0; k < bytes.length; k++) bytes[k] = Number.parseInt(hex.slice(k * 2, k * 2 + 2), 16);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8: older senders write single-byte Latin-1.
    return String.fromCharCode(...bytes);
  }
}
