import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../../src/api/v1-routes";
import { fetchApp } from "../../helpers/http";
import type { Json } from "./setup";

/** Every "$ref" in the document, wherever it sits. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe("OpenAPI document of /api/v1", () => {
  it("is OpenAPI 3.1 with every route, bearer security, problem+json errors and resolvable schemas", async () => {
    const res = await fetchApp("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const doc = (await res.json()) as Json;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));

    // Every route the API answers (other than the document itself and the catch-all) is documented.
    const routes = apiRoutes.routes
      .filter((r) => r.method !== "ALL" && r.path !== "/openapi.json" && !r.path.includes("*"))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, "{$1}")}`);
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const documented = Object.entries(doc.paths as Json).flatMap(([path, ops]) => Object.keys(ops as Json).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual([...new Set(routes)].sort());

    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Json)) {
        const where = `${method} ${path}`;
        expect(op.security, where).toEqual([{ bearerAuth: [] }]);
        for (const status of ["400", "401", "403", "429"]) expect(op.responses[status], `${where} ${status}`).toBeDefined();
        const success = Object.keys(op.responses).find((s) => s.startsWith("2"));
        expect(op.responses[success ?? ""]?.content?.["application/json"]?.schema?.$ref, where).toMatch(/^#\/components\/schemas\//);
        for (const p of path.match(/\{(\w+)\}/g) ?? []) {
          expect(
            op.parameters.some((x: Json) => x.in === "path" && `{${x.name}}` === p),
            `${where} ${p}`,
          ).toBe(true);
        }
      }
    }
    expect(doc.paths["/patients"].get.parameters.map((p: Json) => p.name)).toEqual(["limit", "cursor"]);
    expect(doc.paths["/appointments"].get.parameters.map((p: Json) => p.name)).toEqual([
      "limit",
      "cursor",
      "patient",
      "status",
      "from",
      "to",
    ]);
    expect(doc.paths["/tasks"].post.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/NewTask");

    const schemas = doc.components.schemas as Json;
    for (const name of [
      "Patient",
      "PatientPage",
      "Journey",
      "Task",
      "TaskPage",
      "Message",
      "MessagePage",
      "Appointment",
      "AppointmentPage",
      "NewTask",
      "CompleteTask",
      "Problem",
    ]) {
      expect(schemas[name]?.type, name).toBe("object");
    }
    expect(schemas.Patient.required).toEqual(expect.arrayContaining(["id", "journey", "risk"]));
    expect(schemas.NewTask.required).toEqual(["title", "due_date"]);
    expect(doc.components.responses.Unauthorized.content["application/problem+json"].schema.$ref).toBe("#/components/schemas/Problem");

    // Every reference points at something that exists.
    for (const ref of refsIn(doc)) {
      const [, section, name] = /^#\/components\/(schemas|responses)\/(\w+)$/.exec(ref) ?? [];
      expect(section && name && doc.components[section][name], ref).toBeTruthy();
    }
  });
});
