// FHIR Practitioner -> a practitioner known from the EHR (a future therapist or referring physician). Pure.
import { z } from "zod";
import { toE164 } from "../../patients/model";
import {
  contactPointShape,
  emailOrNull,
  humanNameShape,
  identifierShape,
  invalid,
  type Mapped,
  mapped,
  NPI_SYSTEM,
  pickContact,
  pickName,
  readShape,
} from "./common";

const practitionerShape = z.object({
  resourceType: z.literal("Practitioner"),
  identifier: z.array(identifierShape).optional(),
  name: z.array(humanNameShape).optional(),
  telecom: z.array(contactPointShape).optional(),
});

export interface PractitionerFacts {
  name: string;
  npi: string | null;
  email: string | null;
  phone: string | null;
}

export function mapPractitioner(resource: unknown): Mapped<PractitionerFacts> {
  const read = readShape(practitionerShape, resource);
  if (!read.ok) return invalid(read.reason);
  const p = read.data;
  const { given, family } = pickName(p.name);
  const name = [given, family].filter(Boolean).join(" ");
  if (!name) return invalid("the practitioner has no name");
  const npi = p.identifier?.find((i) => i.system === NPI_SYSTEM && i.value?.trim())?.value?.trim() ?? null;
  const phone = pickContact(p.telecom, "phone");
  return mapped({
    name: name.slice(0, 200),
    npi: npi && npi.length <= 20 ? npi : null,
    email: emailOrNull(pickContact(p.telecom, "email"))?.toLowerCase() ?? null,
    phone: phone ? toE164(phone) : null,
  });
}
