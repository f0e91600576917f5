import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { journeyMessage } from "../../../src/messaging/service";
import { messages } from "../../../src/platform/schema";
import { testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient, uniqueNumber } from "../../helpers/factories";

describe("journey message keys", () => {
  it("the same machine key for two patients of one clinic sends to both, and still once each", async () => {
    const clinic = await makeClinic("Harbor PT");
    const ana = await makePatient(clinic.id, { phone: uniqueNumber() });
    const ben = await makePatient(clinic.id, { givenName: "Ben", phone: uniqueNumber() });
    const { deps } = testDeps(Date.now());
    // A patient with no episode: the machine's key says "none" for everybody in that position.
    const effect = { purpose: "reactivation" as const, dedupeKey: "reactivation:none:0", category: "automated" as const };
    expect((await journeyMessage(deps, clinic.id, ana.id, effect)).status).not.toBe("duplicate");
    expect((await journeyMessage(deps, clinic.id, ben.id, effect)).status).not.toBe("duplicate");
    expect((await journeyMessage(deps, clinic.id, ana.id, effect)).status).toBe("duplicate");
    const rows = await db().select().from(messages).where(eq(messages.clinicId, clinic.id)).all();
    expect(rows.map((m) => m.patientId).sort()).toEqual([ana.id, ben.id].sort());
  });
});
