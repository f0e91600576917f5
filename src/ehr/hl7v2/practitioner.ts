/** The people an SIU message books (AIP), or its attending doctor (PV1-7), as FHIR Practitioners. */
import { codeableConcept, compact, humanNameFromXcn, identifierFromXcn, type Json, text } from "./datatypes";
import { fieldValue, type Hl7Message, type Hl7Value, repetitions, segmentsNamed } from "./parse";
import { nameBasedUuid } from "./stable-id";

export interface BookedPractitioner {
  id: string;
  resource: Json;
  /** Appointment.participant.type: the role the message gives (AIP-4), or "attender". */
  type?: Json;
  /** The filler's status for this person (AIP-12), as written. */
  fillerStatus: string;
}

const attender = {
  coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "ATND", display: "attender" }],
};

/**
 * The personnel resources of every AIP segment (each RGS group may book its own), one Practitioner
 * per person. A message without AIP persons falls back to the attending doctor in PV1-7, because
 * some schedulers only name the therapist there. SCH-12/16/20 (contact and entering persons) are
 * schedulers and clerks, not the person the patient sees, so they are not taken.
 */
export function bookedPractitioners(message: Hl7Message, lastUpdated: string | undefined): BookedPractitioner[] {
  const people: { xcn: Hl7Value; type?: Json; fillerStatus: string }[] = [];
  for (const aip of segmentsNamed(message, "AIP")) {
    const type = codeableConcept(fieldValue(aip, 4));
    const fillerStatus = text(fieldValue(aip, 12), 1);
    for (const xcn of repetitions(aip, 3)) people.push({ xcn, type, fillerStatus });
  }
  if (people.length === 0) {
    const pv1 = segmentsNamed(message, "PV1")[0];
    for (const xcn of pv1 ? repetitions(pv1, 7) : []) people.push({ xcn, type: attender, fillerStatus: "" });
  }

  const byKey = new Map<string, BookedPractitioner>();
  for (const person of people) {
    const identifier = identifierFromXcn(person.xcn);
    const name = humanNameFromXcn(person.xcn);
    const key = identifier ? `id|${identifier.system ?? ""}|${identifier.value}` : name ? `name|${JSON.stringify(name)}` : undefined;
    if (!key || byKey.has(key)) continue;
    const id = nameBasedUuid(`Practitioner|${key}`);
    const resource = compact({
      resourceType: "Practitioner",
      id,
      meta: lastUpdated ? { lastUpdated } : undefined,
      identifier: identifier ? [identifier] : undefined,
      name: name ? [name] : undefined,
    });
    byKey.set(key, { id, resource, type: person.type, fillerStatus: person.fillerStatus });
  }
  return [...byKey.values()];
}
