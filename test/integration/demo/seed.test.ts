import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { parseVars } from "../../../src/platform/env";
import { clinics, patients, staffUsers } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { BASE, env } from "../../helpers/http";

describe("demo seeding", () => {
  it("seeds both demo clinics once, only with the seed token, and the demo owner can sign in", async () => {
    const app = createApp({ vars: { ...parseVars(env), APP_ENV: "development" } });
    const seed = (token: string) => app.request(`${BASE}/dev/seed`, { method: "POST", headers: { authorization: `Bearer ${token}` } }, env);
    expect((await seed("wrong-token-wrong-token")).status).toBe(401);

    const first = await seed(env.DEV_SEED_TOKEN);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { seeded: boolean };
    // Each test file has its own storage, so the database starts empty here.
    expect(body.seeded).toBe(true);
    const demo = await db().select().from(clinics).where(eq(clinics.name, "Demo Physical Therapy")).get();
    expect(demo?.timeZone).toBe("America/New_York");
    const n = await db()
      .select({ n: count() })
      .from(patients)
      .where(eq(patients.clinicId, demo?.id ?? ""))
      .get();
    expect(n?.n).toBe(300);
    const second = await db().select().from(clinics).where(eq(clinics.name, "Second Street Rehab")).get();
    expect(second).toBeTruthy();
    const owner = await db().select().from(staffUsers).where(eq(staffUsers.email, "owner@demo-clinic.test")).get();
    expect(owner?.role).toBe("owner");
    const again = (await (await seed(env.DEV_SEED_TOKEN)).json()) as { seeded: boolean };
    expect(again.seeded).toBe(false);
  });
});
