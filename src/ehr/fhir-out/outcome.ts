import type { FhirJson } from "./common";

/** The R4 issue-type codes the read API answers with. */
export type IssueCode = "invalid" | "not-found" | "not-supported" | "security" | "login" | "forbidden" | "throttled" | "exception";

/**
 * An OperationOutcome with one issue: the FHIR error body. `diagnostics` is for the integrator's
 * developer (which parameter, which value shape); it never echoes patient data back.
 */
export function operationOutcome(code: IssueCode, diagnostics: string, severity: "error" | "fatal" | "warning" = "error"): FhirJson {
  return { resourceType: "OperationOutcome", issue: [{ severity, code, diagnostics }] };
}
