import type { Context } from "hono";
import { Hono } from "hono";
import type { z } from "zod";
import { rangeQuerySchema } from "../analytics/range";
import { localDateIn } from "../clinics/model";
import { recordAudit } from "../platform/audit";
import { checkDueDate } from "../worklist/schemas";
import { closeTask, createTask } from "../worklist/service";
import { type ApiEnv, integrationActor, requireApiKey } from "./auth";
import { decodeCursor } from "./cursor";
import { apiAuthFailure, apiProblem } from "./errors";
import { kpisQuerySchema } from "./kpi-schemas";
import { kpiReport } from "./kpi-service";
import { openApiDocument } from "./openapi";
import { findTask } from "./v1-repo";
import {
  appointmentsQuerySchema,
  completeTaskSchema,
  listQuerySchema,
  messagesQuerySchema,
  newTaskSchema,
  tasksQuerySchema,
} from "./v1-schemas";
import * as service from "./v1-service";
import { apiTask } from "./v1-views";

/** JSON API at /api/v1: API keys (api:read for GET, api:write otherwise); errors are problem+json. */
export const apiRoutes = new Hono<ApiEnv>();

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_BODY_BYTES = 16 * 1024;

type FieldError = { field: string; message: string };
const fieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((i) => ({
    field: i.path.length > 0 ? i.path.join(".") : String((i as { keys?: string[] }).keys?.[0] ?? ""),
    message: i.message,
  }));

/** The query string through a strict zod schema: a repeated or unknown parameter is an error, not ignored. */
function parseQuery<S extends z.ZodType>(
  c: Context<ApiEnv>,
  schema: S,
): { ok: true; data: z.infer<S> } | { ok: false; response: Response } {
  const raw: Record<string, string> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) return { ok: false, response: apiProblem(c, 400, "Invalid query", `${name.slice(0, 64)}: give it once`) };
    raw[name] = values[0] ?? "";
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return {
      ok: false,
      response: apiProblem(c, 400, "Invalid query", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors }),
    };
  }
  return { ok: true, data: parsed.data };
}

function cursorOf(c: Context<ApiEnv>, cursor: string | undefined, sortType: "string" | "number") {
  if (cursor === undefined) return { ok: true as const, key: null };
  const key = decodeCursor(cursor, sortType);
  return key
    ? { ok: true as const, key }
    : { ok: false as const, response: apiProblem(c, 400, "Invalid query", "cursor: not a cursor of this list") };
}

async function jsonBody(c: Context<ApiEnv>): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return { ok: false, response: apiProblem(c, 415, "Unsupported media type", "Send the body as application/json.") };
  }
  // The declared length refuses a big body unread; the measured one catches a body sent without it.
  if (Number(c.req.header("content-length") ?? 0) > MAX_BODY_BYTES)
    return { ok: false, response: apiProblem(c, 413, "Body too large", "At most 16 KB.") };
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES)
    return { ok: false, response: apiProblem(c, 413, "Body too large", "At most 16 KB.") };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, response: apiProblem(c, 400, "Invalid JSON", "The body is not valid JSON.") };
  }
}

const invalidBody = (c: Context<ApiEnv>, errors: FieldError[]) =>
  apiProblem(c, 422, "Invalid body", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });

const audit = (c: Context<ApiEnv>, action: string, patientId: string | null) =>
  recordAudit(c.get("deps"), integrationActor(c), action, patientId);
const patientNotFound = (c: Context<ApiEnv>) => apiProblem(c, 404, "Not found", "No such patient.");

// The contract is public: it describes the API, not any clinic's data.
apiRoutes.get("/openapi.json", (c) => c.json(openApiDocument()));

apiRoutes.use(
  "*",
  requireApiKey((c) => (c.req.method === "GET" || c.req.method === "HEAD" ? "api:read" : "api:write"), apiAuthFailure),
);

apiRoutes.get("/patients", async (c) => {
  const q = parseQuery(c, listQuerySchema);
  if (!q.ok) return q.response;
  const cursor = cursorOf(c, q.data.cursor, "string");
  if (!cursor.ok) return cursor.response;
  const page = await service.patientPage(c.get("deps"), c.get("caller").clinicId, cursor.key, q.data.limit);
  await audit(c, "api.list patients", null);
  return c.json(page);
});

apiRoutes.get("/patients/:id", async (c) => {
  const id = c.req.param("id");
  const patient = ID.test(id) ? await service.patientDetail(c.get("deps"), c.get("caller").clinicId, id) : null;
  await audit(c, "api.read patient", patient?.id ?? null);
  return patient ? c.json(patient) : patientNotFound(c);
});

apiRoutes.get("/patients/:id/journey", async (c) => {
  const id = c.req.param("id");
  const journey = ID.test(id) ? await service.patientJourney(c.get("deps"), c.get("caller").clinicId, id) : null;
  await audit(c, "api.read journey", journey?.patient_id ?? null);
  return journey ? c.json(journey) : patientNotFound(c);
});

apiRoutes.get("/patients/:id/risk", async (c) => {
  const id = c.req.param("id");
  const risk = ID.test(id) ? await service.patientRisk(c.get("deps"), c.get("caller").clinicId, id) : null;
  await audit(c, "api.read risk", risk?.patient_id ?? null);
  return risk ? c.json(risk) : patientNotFound(c);
});

apiRoutes.get("/tasks", async (c) => {
  const q = parseQuery(c, tasksQuerySchema);
  if (!q.ok) return q.response;
  const cursor = cursorOf(c, q.data.cursor, "string");
  if (!cursor.ok) return cursor.response;
  const filter = { status: q.data.status, patientId: q.data.patient };
  const page = await service.taskPage(c.get("deps"), c.get("caller").clinicId, filter, cursor.key, q.data.limit);
  // A patient filter is recorded only when it found that clinic's rows: a guessed foreign id is not written down.
  await audit(c, "api.list tasks", page.data.length > 0 ? (q.data.patient ?? null) : null);
  return c.json(page);
});

apiRoutes.get("/messages", async (c) => {
  const q = parseQuery(c, messagesQuerySchema);
  if (!q.ok) return q.response;
  const cursor = cursorOf(c, q.data.cursor, "number");
  if (!cursor.ok) return cursor.response;
  const page = await service.messagePage(c.get("deps"), c.get("caller").clinicId, { patientId: q.data.patient }, cursor.key, q.data.limit);
  await audit(c, "api.list messages", page.data.length > 0 ? (q.data.patient ?? null) : null);
  return c.json(page);
});

apiRoutes.get("/appointments", async (c) => {
  const q = parseQuery(c, appointmentsQuerySchema);
  if (!q.ok) return q.response;
  const cursor = cursorOf(c, q.data.cursor, "number");
  if (!cursor.ok) return cursor.response;
  const { clinicId, clinicTimeZone } = c.get("caller");
  const filter = {
    patientId: q.data.patient,
    status: q.data.status,
    from: q.data.from ? service.boundOf(q.data.from, clinicTimeZone, false) : undefined,
    before: q.data.to ? service.boundOf(q.data.to, clinicTimeZone, true) : undefined,
  };
  const page = await service.appointmentPage(c.get("deps"), clinicId, filter, cursor.key, q.data.limit);
  await audit(c, "api.list appointments", page.data.length > 0 ? (q.data.patient ?? null) : null);
  return c.json(page);
});

apiRoutes.get("/kpis", async (c) => {
  const q = parseQuery(c, kpisQuerySchema);
  if (!q.ok) return q.response;
  // Well-formed dates that make no range (backwards, over two years) are refused by the page's own rule.
  const range = rangeQuerySchema.safeParse({ from: q.data.from, to: q.data.to });
  if (!range.success)
    return apiProblem(c, 422, "Invalid range", range.error.issues.map((i) => i.message).join("; "), {
      errors: fieldErrors(range.error),
    });
  const report = await kpiReport(c.get("deps"), c.get("caller").clinicId, range.data, q.data.group);
  await audit(c, "api.read kpis", null);
  return c.json(report);
});

apiRoutes.post("/tasks", async (c) => {
  const body = await jsonBody(c);
  if (!body.ok) return body.response;
  const parsed = newTaskSchema.safeParse(body.body);
  if (!parsed.success) return invalidBody(c, fieldErrors(parsed.error));
  const { clinicId, clinicTimeZone } = c.get("caller");
  const deps = c.get("deps");
  const dueProblem = checkDueDate(parsed.data.due_date, localDateIn(deps.clock.now(), clinicTimeZone));
  if (dueProblem) return invalidBody(c, [{ field: "due_date", message: dueProblem }]);
  const created = await createTask(deps, integrationActor(c), {
    type: parsed.data.type,
    title: parsed.data.title,
    patientId: parsed.data.patient_id ?? null,
    assigneeId: parsed.data.assignee_id ?? null,
    dueDate: parsed.data.due_date,
  });
  if (!created.ok) {
    return invalidBody(c, [
      created.error === "patient_not_found"
        ? { field: "patient_id", message: "Not a patient of this clinic" }
        : { field: "assignee_id", message: "Not a current staff member of this clinic" },
    ]);
  }
  const task = await findTask(deps.db, clinicId, created.value);
  if (!task) throw new Error("a task just created is missing");
  return c.json(apiTask(task), 201);
});

apiRoutes.post("/tasks/:id/complete", async (c) => {
  const id = c.req.param("id");
  const body = await jsonBody(c);
  if (!body.ok) return body.response;
  const parsed = completeTaskSchema.safeParse(body.body);
  if (!parsed.success) return invalidBody(c, fieldErrors(parsed.error));
  const deps = c.get("deps");
  const closed = ID.test(id)
    ? await closeTask(deps, integrationActor(c), id, "done", parsed.data.outcome)
    : ({ ok: false, error: "task_not_found" } as const);
  if (!closed.ok && closed.error === "task_not_found") return apiProblem(c, 404, "Not found", "No such task.");
  if (!closed.ok) return apiProblem(c, 409, "Conflict", "This task is already closed.");
  const task = await findTask(deps.db, c.get("caller").clinicId, id);
  if (!task) throw new Error("a task just closed is missing");
  return c.json(apiTask(task));
});

apiRoutes.all("*", (c) => apiProblem(c, 404, "Not found", "No such API endpoint; see /api/v1/openapi.json."));

apiRoutes.onError((error, c) => {
  c.get("deps")?.logger.error("api.unhandled", { requestId: c.get("requestId"), route: c.req.routePath, error });
  return apiProblem(c, 500, "Internal error", `Request id ${c.get("requestId")}`);
});
