// The registry: resource type -> its pure mapper (to check a whole transaction first) and its applier.

import { mapAppointment } from "../fhir/appointment";
import { mapCarePlan } from "../fhir/care-plan";
import type { Mapped } from "../fhir/common";
import { mapCoverage } from "../fhir/coverage";
import { mapEncounter } from "../fhir/encounter";
import { mapObservation } from "../fhir/observation";
import { mapPatient } from "../fhir/patient";
import { mapPractitioner } from "../fhir/practitioner";
import { mapQuestionnaireResponse } from "../fhir/questionnaire-response";
import { mapServiceRequest } from "../fhir/service-request";
import { applyAppointment } from "./appointment";
import { applyCarePlan } from "./care-plan";
import { applyCoverage } from "./coverage";
import { applyEncounter } from "./encounter";
import { applyObservation } from "./observation";
import { applyPatient } from "./patient";
import { applyPractitioner } from "./practitioner";
import { applyQuestionnaireResponse } from "./questionnaire-response";
import { applyServiceRequest } from "./service-request";
import type { Applier, FhirResource } from "./types";

export interface Registered {
  /** Pure: what the resource maps to, without touching anything. */
  check: (resource: FhirResource) => Mapped<unknown>;
  apply: Applier;
}

const registry: Record<string, Registered> = {
  Patient: { check: mapPatient, apply: applyPatient },
  Practitioner: { check: mapPractitioner, apply: applyPractitioner },
  Appointment: { check: mapAppointment, apply: applyAppointment },
  Encounter: { check: mapEncounter, apply: applyEncounter },
  ServiceRequest: { check: mapServiceRequest, apply: applyServiceRequest },
  CarePlan: { check: mapCarePlan, apply: applyCarePlan },
  Coverage: { check: mapCoverage, apply: applyCoverage },
  Observation: { check: mapObservation, apply: applyObservation },
  QuestionnaireResponse: { check: mapQuestionnaireResponse, apply: applyQuestionnaireResponse },
};

export const NOT_USED = "not used by Rapport";

/** The mapper and applier for a type; an unknown type is skipped, never a failure. */
export function registered(resourceType: string): Registered {
  return (
    registry[resourceType] ?? {
      check: () => ({ kind: "skipped", note: NOT_USED }),
      apply: async () => ({ result: "skipped", note: NOT_USED }),
    }
  );
}

export const registeredTypes = Object.keys(registry);
