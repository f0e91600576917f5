import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FhirJson } from "../ehr/fhir-out/common";
import { type IssueCode, operationOutcome } from "../ehr/fhir-out/outcome";
import { problem } from "../platform/problem";
import type { AuthFailure } from "./auth";

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

export function fhirJson(c: Context, body: FhirJson, status: ContentfulStatusCode = 200) {
  return c.body(JSON.stringify(body), status, { "Content-Type": FHIR_JSON });
}

/** A FHIR error: an OperationOutcome with the HTTP status that goes with it. */
export function fhirError(
  c: Context,
  status: ContentfulStatusCode,
  code: IssueCode,
  diagnostics: string,
  headers: Record<string, string> = {},
) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return fhirJson(c, operationOutcome(code, diagnostics), status);
}

const issueOf: Record<AuthFailure["reason"], IssueCode> = {
  missing: "login",
  invalid: "login",
  scope: "forbidden",
  rate_limited: "throttled",
};

export const fhirAuthFailure = (c: Context, f: AuthFailure) => fhirError(c, f.status, issueOf[f.reason], f.message, f.headers);

const titles: Record<AuthFailure["reason"], string> = {
  missing: "API key required",
  invalid: "Invalid API key",
  scope: "Scope missing",
  rate_limited: "Too many requests",
};

/** A problem+json answer, with extra headers (WWW-Authenticate, Retry-After) where the status needs them. */
export function apiProblem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return problem(c, status, title, detail, extra);
}

export const apiAuthFailure = (c: Context, f: AuthFailure) => apiProblem(c, f.status, titles[f.reason], f.message, {}, f.headers);
