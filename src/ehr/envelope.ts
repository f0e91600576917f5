import type { EhrPayloadFormat } from "./tables";

/**
 * What an inbound EHR webhook body is, decided before anything is stored: the route refuses a body
 * the consumer could never process, so the inbox holds only payloads worth retrying.
 * Pure: no I/O, and no reason ever quotes the body (it may hold patient data).
 */
export type Envelope =
  /** `text`: the body decoded as UTF-8, exactly as it will be stored. */
  | { ok: true; format: EhrPayloadFormat; mediaType: string; summary: string; text: string }
  | { ok: false; problem: "unsupported_media_type" | "not_fhir" | "not_hl7v2"; reason: string };

/** Every resource type of FHIR R4 (4.0.1), as listed by the official R4 JSON schema. */
const R4_RESOURCE_TYPES = new Set(
  (
    "Account ActivityDefinition AdverseEvent AllergyIntolerance Appointment AppointmentResponse AuditEvent Basic Binary " +
    "BiologicallyDerivedProduct BodyStructure Bundle CapabilityStatement CarePlan CareTeam CatalogEntry ChargeItem " +
    "ChargeItemDefinition Claim ClaimResponse ClinicalImpression CodeSystem Communication CommunicationRequest " +
    "CompartmentDefinition Composition ConceptMap Condition Consent Contract Coverage CoverageEligibilityRequest " +
    "CoverageEligibilityResponse DetectedIssue Device DeviceDefinition DeviceMetric DeviceRequest DeviceUseStatement " +
    "DiagnosticReport DocumentManifest DocumentReference EffectEvidenceSynthesis Encounter Endpoint EnrollmentRequest " +
    "EnrollmentResponse EpisodeOfCare EventDefinition Evidence EvidenceVariable ExampleScenario ExplanationOfBenefit " +
    "FamilyMemberHistory Flag Goal GraphDefinition Group GuidanceResponse HealthcareService ImagingStudy Immunization " +
    "ImmunizationEvaluation ImmunizationRecommendation ImplementationGuide InsurancePlan Invoice Library Linkage List " +
    "Location Measure MeasureReport Media Medication MedicationAdministration MedicationDispense MedicationKnowledge " +
    "MedicationRequest MedicationStatement MedicinalProduct MedicinalProductAuthorization MedicinalProductContraindication " +
    "MedicinalProductIndication MedicinalProductIngredient MedicinalProductInteraction MedicinalProductManufactured " +
    "MedicinalProductPackaged MedicinalProductPharmaceutical MedicinalProductUndesirableEffect MessageDefinition " +
    "MessageHeader MolecularSequence NamingSystem NutritionOrder Observation ObservationDefinition OperationDefinition " +
    "OperationOutcome Organization OrganizationAffiliation Parameters Patient PaymentNotice PaymentReconciliation Person " +
    "PlanDefinition Practitioner PractitionerRole Procedure Provenance Questionnaire QuestionnaireResponse RelatedPerson " +
    "RequestGroup ResearchDefinition ResearchElementDefinition ResearchStudy ResearchSubject RiskAssessment " +
    "RiskEvidenceSynthesis Schedule SearchParameter ServiceRequest Slot Specimen SpecimenDefinition StructureDefinition " +
    "StructureMap Subscription Substance SubstanceNucleicAcid SubstancePolymer SubstanceProtein " +
    "SubstanceReferenceInformation SubstanceSourceMaterial SubstanceSpecification SupplyDelivery SupplyRequest Task " +
    "TerminologyCapabilities TestReport TestScript ValueSet VerificationResult VisionPrescription"
  ).split(" "),
);

/**
 * Bundles that carry resources to take in. Subscription notifications arrive as `history` bundles
 * (the R4 subscriptions backport, athenahealth's event notifications); `document` and the
 * `*-response` types describe something else and are refused.
 */
export const ACCEPTED_BUNDLE_TYPES = ["transaction", "batch", "collection", "searchset", "history", "message"] as const;

/** SIU scheduling triggers: S12 new, S13 reschedule, S14 modify, S15 cancel, S16 discontinue, S17 delete, S26 no-show. */
export const ACCEPTED_SIU_TRIGGERS = ["S12", "S13", "S14", "S15", "S16", "S17", "S26"] as const;

const FHIR_MEDIA_TYPES = new Set(["application/fhir+json", "application/json"]);
const HL7_MEDIA_TYPES = new Set(["x-application/hl7-v2+er7", "text/plain"]);

/** The media type without parameters (charset, fhirVersion), lower case; "" when absent. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** A body's check, before the format and media type are attached. */
type Checked = { ok: true; summary: string } | Extract<Envelope, { ok: false }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkFhir(text: string): Checked {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, so it is not passed on.
    return { ok: false, problem: "not_fhir", reason: "The body is not valid JSON (it may be truncated)." };
  }
  if (!isObject(json)) return { ok: false, problem: "not_fhir", reason: "The body must be a FHIR resource: a JSON object." };
  const type = json.resourceType;
  if (typeof type !== "string")
    return { ok: false, problem: "not_fhir", reason: "The body has no resourceType, so it is not a FHIR resource." };
  // Echoing an unknown type helps the sender; it is clipped and limited to a name's characters.
  if (!R4_RESOURCE_TYPES.has(type)) {
    const shown = /^[A-Za-z]{1,64}$/.test(type) ? ` "${type}"` : "";
    return { ok: false, problem: "not_fhir", reason: `The resourceType${shown} is not a FHIR R4 resource type.` };
  }
  if (type !== "Bundle") return { ok: true, summary: type };

  const bundleType = json.type;
  if (typeof bundleType !== "string" || !(ACCEPTED_BUNDLE_TYPES as readonly string[]).includes(bundleType)) {
    return { ok: false, problem: "not_fhir", reason: `A Bundle's type must be one of: ${ACCEPTED_BUNDLE_TYPES.join(", ")}.` };
  }
  if (json.entry !== undefined) {
    if (!Array.isArray(json.entry)) return { ok: false, problem: "not_fhir", reason: "A Bundle's entry must be an array." };
    // Entry resources are checked only for shape: types this product does not know (even R4B ones in
    // a notification, like SubscriptionStatus) are skipped later, not refused here.
    const bad = json.entry.findIndex(
      (e) => !isObject(e) || (e.resource !== undefined && !(isObject(e.resource) && typeof e.resource.resourceType === "string")),
    );
    if (bad >= 0)
      return { ok: false, problem: "not_fhir", reason: `Bundle entry ${bad} is not an object with a resource that has a resourceType.` };
  }
  return { ok: true, summary: `Bundle/${bundleType}` };
}

function checkHl7(text: string): Checked {
  // Tolerate blank lines, MLLP's start-of-block (\v) and a byte-order mark before the header: \s covers all three.
  const message = text.replace(/^\s+/, "");
  if (!message.startsWith("MSH") || message.length < 8) {
    return { ok: false, problem: "not_hl7v2", reason: "The body is not an HL7v2 message: it must start with an MSH segment." };
  }
  const fieldSeparator = message[3] as string;
  const encodingCharacters = message.slice(4, 8);
  const componentSeparator = encodingCharacters[0] as string;
  if (/[\sA-Za-z0-9]/.test(fieldSeparator) || /[\sA-Za-z0-9]/.test(componentSeparator)) {
    return { ok: false, problem: "not_hl7v2", reason: "The MSH segment has no valid field and component separators." };
  }
  // Segments end with \r by the standard; files and some senders use \n or \r\n.
  const msh = message.split(/\r\n|\r|\n/)[0] as string;
  // MSH-1 is the separator itself, so split index 8 is MSH-9 (message type).
  const messageType = msh.split(fieldSeparator)[8] ?? "";
  const [code, trigger] = messageType.split(componentSeparator);
  if (code !== "SIU" || !trigger || !(ACCEPTED_SIU_TRIGGERS as readonly string[]).includes(trigger)) {
    const shown = /^[A-Z0-9]{2,4}$/.test(code ?? "") && /^[A-Z0-9]{2,4}$/.test(trigger ?? "") ? ` (this is ${code}^${trigger})` : "";
    return {
      ok: false,
      problem: "not_hl7v2",
      reason: `Only SIU scheduling messages are accepted: SIU^${ACCEPTED_SIU_TRIGGERS.join(", SIU^")}${shown}.`,
    };
  }
  return { ok: true, summary: `SIU^${trigger}` };
}

/**
 * Classifies a body by its Content-Type and checks it is a FHIR R4 resource or Bundle, or an SIU
 * message, in UTF-8 (the stored text must be the bytes that were signed).
 */
export function classifyEnvelope(contentType: string | null | undefined, body: Uint8Array): Envelope {
  const mediaType = mediaTypeOf(contentType);
  const format: EhrPayloadFormat | null = FHIR_MEDIA_TYPES.has(mediaType) ? "fhir" : HL7_MEDIA_TYPES.has(mediaType) ? "hl7v2" : null;
  if (!format) {
    return {
      ok: false,
      problem: "unsupported_media_type",
      reason: "Send FHIR as application/fhir+json or application/json, HL7v2 as x-application/hl7-v2+er7 or text/plain.",
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    return { ok: false, problem: format === "fhir" ? "not_fhir" : "not_hl7v2", reason: "The body is not UTF-8 text." };
  }
  const checked = format === "fhir" ? checkFhir(text) : checkHl7(text);
  return checked.ok ? { ok: true, format, mediaType, summary: checked.summary, text } : checked;
}
