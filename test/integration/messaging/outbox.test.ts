import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { parseVars } from "../../../src/platform/env";
import { makeClinic } from "../../helpers/factories";
import { BASE, env, postForm } from "../../helpers/http";

const asDevelopment = () => createApp({ vars: { ...parseVars(env), APP_ENV: "development" } });

describe("local outbox", () => {
  it("lists sent messages newest first as JSON and HTML in development", async () => {
    const clinic = await makeClinic();
    await postForm("/login", { email: clinic.staff.owner.email });
    await postForm("/login", { email: clinic.staff.admin.email });
    const app = asDevelopment();
    const res = await app.request(`${BASE}/dev/outbox.json`, {}, env);
    expect(res.status).toBe(200);
    const messages = (await res.json()) as Record<string, string>[];
    expect(Object.keys(messages[0] ?? {})).toEqual(["id", "channel", "to", "subject", "body", "created_at"]);
    const mine = messages.filter((m) => m.to === clinic.staff.owner.email || m.to === clinic.staff.admin.email);
    expect(mine.map((m) => m.to)).toEqual([clinic.staff.admin.email, clinic.staff.owner.email]);
    expect(mine[0]?.channel).toBe("email");
    expect(mine[0]?.body).toMatch(/\/login\/verify\?token=/);
    const html = await (await app.request(`${BASE}/dev/outbox`, {}, env)).text();
    expect(html).toContain(clinic.staff.admin.email);
    expect(html).toMatch(/<a href="http:\/\/localhost:8787\/login\/verify\?token=/);
  });

  it("answers 404 outside development", async () => {
    for (const appEnv of ["production", "test"] as const) {
      const app = createApp({ vars: { ...parseVars(env), APP_ENV: appEnv } });
      for (const path of ["/dev/outbox", "/dev/outbox.json"]) {
        expect((await app.request(`${BASE}${path}`, {}, env)).status).toBe(404);
      }
      const seed = await app.request(
        `${BASE}/dev/seed`,
        { method: "POST", headers: { authorization: `Bearer ${env.DEV_SEED_TOKEN}` } },
        env,
      );
      expect(seed.status).toBe(404);
    }
  });
});
