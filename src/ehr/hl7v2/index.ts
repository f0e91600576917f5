/**
 * HL7 v2 scheduling messages in: the entry points the EHR webhook and consumer use. An SIU message
 * becomes a FHIR R4 batch Bundle (Patient, Practitioners, Appointment, linked by urn:uuid
 * fullUrls), which is then applied like any FHIR delivery, so SIU and FHIR appointments go through
 * the same operations and domain events.
 */
import { text } from "./datatypes";
import { fieldValue, type Hl7Segment, parseHl7 } from "./parse";
import { type FhirBundleLike, type SiuOptions, siuMessageToBundle } from "./siu";

export type { FhirBundleLike, SiuOptions } from "./siu";

/**
 * Maps an SIU S12-S17 or S26 message (ER7 text, segments separated by \r, \n or \r\n) to a FHIR R4
 * batch Bundle. `trigger` is the event ("S12"), `controlId` is MSH-10. A message that cannot be
 * mapped gives a reason in words for clinic staff, naming fields but never patient data.
 * `options.timeZone` (the clinic's IANA zone) places times the sender wrote without an offset.
 */
export function siuToBundle(
  message: string,
  options?: SiuOptions,
): { ok: true; bundle: FhirBundleLike; trigger: string; controlId: string } | { ok: false; reason: string } {
  const parsed = parseHl7(message);
  if (!parsed.ok) return parsed;
  return siuMessageToBundle(parsed.message, options);
}

/**
 * The envelope of an HL7 v2 message, for the webhook to check before it stores anything: is it
 * HL7 at all, what is it ("SIU^S12", for the deliveries list) and its control id (MSH-10, the
 * sender's delivery id). Whether the content maps is the consumer's question (siuToBundle).
 */
export function readHl7Envelope(message: string): { ok: true; summary: string; controlId: string } | { ok: false; reason: string } {
  const parsed = parseHl7(message);
  if (!parsed.ok) return parsed;
  const msh = parsed.message.segments[0] as Hl7Segment;
  const kind = text(fieldValue(msh, 9), 1).toUpperCase();
  const trigger = text(fieldValue(msh, 9), 2).toUpperCase();
  const code = /^[A-Z0-9_]{1,8}$/;
  if (!code.test(kind)) return { ok: false, reason: "The message does not say what kind of message it is (MSH-9)." };
  const controlId = text(fieldValue(msh, 10), 1);
  if (!controlId) return { ok: false, reason: "The message has no control id (MSH-10)." };
  return { ok: true, summary: code.test(trigger) ? `${kind}^${trigger}` : kind, controlId };
}
