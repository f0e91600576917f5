// HL7 v2 SIU messages through the ehr-inbound consumer: mapped to FHIR by src/ehr/hl7v2, then applied
// exactly like a FHIR delivery (test/fixtures/hl7v2-siu holds the messages and their provenance).
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointmentChanges, appointments, patients } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { ehrClinic } from "./processing-setup";

const messages = import.meta.glob("../../fixtures/hl7v2-siu/messages/*.hl7", { query: "?raw", import: "default", eager: true }) as Record<
  string,
  string
>;
const message = (name: string) => {
  const text = messages[`../../fixtures/hl7v2-siu/messages/${name}.hl7`];
  if (!text) throw new Error(`no fixture ${name}`);
  return text;
};

describe("SIU scheduling messages", () => {
  it("S12 then S15 through the consumer: the visit is booked, then cancelled, by the integration", async () => {
    const t = await ehrClinic();
    const booked = await t.store(message("SIU-S12-01"), { format: "hl7v2" });
    expect((await t.consume([booked])).acked).toEqual(["m0"]);
    expect(await t.delivery(booked)).toMatchObject({ status: "processed", attempts: 1 });
    const [visit] = await db().select().from(appointments).where(eq(appointments.clinicId, t.clinic.id)).all();
    expect(visit).toMatchObject({
      status: "booked",
      startsAt: Date.parse("2021-09-24T07:15:00Z"),
      endsAt: Date.parse("2021-09-24T08:05:00Z"),
    });

    const cancelled = await t.store(message("SIU-S15-01"), { format: "hl7v2" });
    await t.consume([cancelled]);
    const after = await t.delivery(cancelled);
    expect(after.status).toBe("processed");
    // The patient and the practitioner are the same ones: found, not doubled.
    expect(after.counts).toMatchObject({ Patient: { unchanged: 1 }, Appointment: { applied: 1 } });
    const all = await db().select().from(appointments).where(eq(appointments.clinicId, t.clinic.id)).all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: visit?.id, status: "cancelled" });
    expect(await db().select().from(patients).where(eq(patients.clinicId, t.clinic.id)).all()).toHaveLength(1);
    const changes = await db()
      .select()
      .from(appointmentChanges)
      .where(eq(appointmentChanges.appointmentId, visit?.id ?? ""))
      .orderBy(asc(appointmentChanges.at))
      .all();
    expect(changes.map((c) => [c.fromStatus, c.toStatus, c.actorType])).toEqual([
      [null, "booked", "integration"],
      ["booked", "cancelled", "integration"],
    ]);
  });

  it("every sample message is taken in without a failure", async () => {
    const t = await ehrClinic();
    const names = Object.keys(messages)
      .map((path) => path.split("/").pop()?.replace(".hl7", "") ?? "")
      .sort();
    expect(names).toHaveLength(15);
    const outcomes: Record<string, string> = {};
    for (const name of names) {
      const row = await t.ingest(message(name), { format: "hl7v2" });
      outcomes[name] = `${row.status}${row.reason ? `: ${row.reason}` : ""}`;
    }
    expect(Object.values(outcomes).filter((o) => !o.startsWith("processed"))).toEqual([]);
  });
});
