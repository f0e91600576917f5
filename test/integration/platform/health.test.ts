import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("/healthz", () => {
  it("answers ok with the database reachable and the version", async () => {
    const res = await exports.default.fetch("http://rapport.test/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: true, version: "0.1.0" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-z]{26}$/);
  });
});
