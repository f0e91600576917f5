import { z } from "zod";
import { API_RATE_LIMIT } from "./auth";
import { kpiReportSchema, kpisQuerySchema } from "./kpi-schemas";
import {
  appointmentPageSchema,
  appointmentSchema,
  appointmentsQuerySchema,
  completeTaskSchema,
  journeySchema,
  listQuerySchema,
  messagePageSchema,
  messageSchema,
  messagesQuerySchema,
  newTaskSchema,
  patientPageSchema,
  patientRiskSchema,
  patientSchema,
  problemSchema,
  taskPageSchema,
  taskSchema,
  tasksQuerySchema,
} from "./v1-schemas";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes use (zod 4's
 * toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 speaks natively). Built once per isolate.
 */

type Json = Record<string, unknown>;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** The generator's per-schema `$schema` / `$id` are noise inside an OpenAPI document. */
function bare(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  const named: [string, z.ZodType][] = [
    ["Problem", problemSchema],
    ["Patient", patientSchema],
    ["PatientPage", patientPageSchema],
    ["Journey", journeySchema],
    ["PatientRisk", patientRiskSchema],
    ["Task", taskSchema],
    ["TaskPage", taskPageSchema],
    ["Message", messageSchema],
    ["MessagePage", messagePageSchema],
    ["Appointment", appointmentSchema],
    ["AppointmentPage", appointmentPageSchema],
    ["KpiReport", kpiReportSchema],
  ];
  for (const [id, schema] of named) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }).schemas;
  const schemas: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(out)) schemas[id] = bare(schema as Json);
  // Request bodies are described as the client sends them (defaults optional, before trimming).
  schemas.NewTask = bare(z.toJSONSchema(newTaskSchema, { io: "input" }) as Json);
  schemas.CompleteTask = bare(z.toJSONSchema(completeTaskSchema, { io: "input" }) as Json);
  return schemas;
}

/** Query parameters from a query schema's properties. */
function queryParameters(schema: z.ZodType): Json[] {
  const json = z.toJSONSchema(schema, { io: "input" }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: (json.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) };
  });
}

const pathId = (description: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description });

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const ok = (description: string, schema: string) => ({ description, content: { "application/json": { schema: ref(schema) } } });
const body = (schema: string) => ({ required: true, content: { "application/json": { schema: ref(schema) } } });

/** Answers every operation can give: bad input, no or bad key, missing scope, rate limit. */
const commonResponses = {
  "400": { $ref: "#/components/responses/BadRequest" },
  "401": { $ref: "#/components/responses/Unauthorized" },
  "403": { $ref: "#/components/responses/Forbidden" },
  "429": { $ref: "#/components/responses/TooManyRequests" },
};

function operation(summary: string, scope: string, responses: Json, extra: Json = {}) {
  return {
    summary,
    description: `Needs an API key with the ${scope} scope. Every call is recorded in the clinic's audit log.`,
    security: [{ bearerAuth: [] }],
    ...extra,
    responses: { ...responses, ...commonResponses },
  };
}

function build() {
  const listed = (summary: string, query: z.ZodType, page: string) =>
    operation(summary, "api:read", { "200": ok("A page", page) }, { parameters: queryParameters(query) });
  return {
    openapi: "3.1.0",
    info: {
      title: "Rapport API",
      version: "1",
      description:
        "JSON API for a clinic's integrations: patients with their journey and dropout risk, tasks, messages, visits and the clinic's KPIs. Lists page with " +
        "limit and cursor (next_cursor). FHIR R4 is served separately at /fhir/R4.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    paths: {
      "/patients": { get: listed("List patients with their journey state and dropout risk", listQuerySchema, "PatientPage") },
      "/patients/{id}": {
        get: operation(
          "One patient",
          "api:read",
          { "200": ok("The patient", "Patient"), "404": problem("No such patient in this clinic") },
          {
            parameters: [pathId("Patient id")],
          },
        ),
      },
      "/patients/{id}/journey": {
        get: operation(
          "A patient's journey: state, since when, and the next touches",
          "api:read",
          { "200": ok("The journey", "Journey"), "404": problem("No such patient in this clinic") },
          { parameters: [pathId("Patient id")] },
        ),
      },
      "/patients/{id}/risk": {
        get: operation(
          "A patient's dropout risk: score, band, reasons, model version and when it was computed",
          "api:read",
          { "200": ok("The risk (null when not scored)", "PatientRisk"), "404": problem("No such patient in this clinic") },
          { parameters: [pathId("Patient id")] },
        ),
      },
      "/tasks": {
        get: listed("List worklist tasks (filter by status and patient)", tasksQuerySchema, "TaskPage"),
        post: operation(
          "Create a task on the clinic's worklist",
          "api:write",
          {
            "201": ok("The task", "Task"),
            "413": problem("Body over 16 KB"),
            "415": problem("Body not application/json"),
            "422": problem("Invalid fields (errors lists them)"),
          },
          { requestBody: body("NewTask") },
        ),
      },
      "/tasks/{id}/complete": {
        post: operation(
          "Complete a task with its outcome",
          "api:write",
          {
            "200": ok("The completed task", "Task"),
            "404": problem("No such task in this clinic"),
            "409": problem("The task is already closed"),
            "413": problem("Body over 16 KB"),
            "415": problem("Body not application/json"),
            "422": problem("Invalid fields (errors lists them)"),
          },
          { parameters: [pathId("Task id")], requestBody: body("CompleteTask") },
        ),
      },
      "/messages": { get: listed("List messages to and from patients (filter by patient)", messagesQuerySchema, "MessagePage") },
      "/appointments": { get: listed("List visits (filter by patient, status, from, to)", appointmentsQuerySchema, "AppointmentPage") },
      "/kpis": {
        get: operation(
          "The clinic's KPIs for a date range against the previous period, overall, by therapist or by referral source",
          "api:read",
          {
            "200": ok("The KPIs, as on the analytics page", "KpiReport"),
            "422": problem("A range that ends before it starts, or longer than two years"),
          },
          { parameters: queryParameters(kpisQuerySchema) },
        ),
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "A clinic API key (Settings -> Integrations), sent as 'Authorization: Bearer <key>'.",
        },
      },
      responses: {
        BadRequest: problem("Invalid query parameters (errors lists them), or a body that is not JSON"),
        Unauthorized: problem("No API key, or an unknown or revoked one (WWW-Authenticate: Bearer)"),
        Forbidden: problem("The key lacks the scope this operation needs"),
        TooManyRequests: problem(`Over ${API_RATE_LIMIT} requests a minute for this key (Retry-After says when to try again)`),
      },
    },
  };
}

let cached: ReturnType<typeof build> | undefined;

export function openApiDocument() {
  cached ??= build();
  return cached;
}
