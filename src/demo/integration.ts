import { eq } from "drizzle-orm";
import { clinics } from "../clinics/tables";
import { apiKeyHash, apiKeyPrefix } from "../integrations/model";
import { apiKeys, integrations } from "../integrations/tables";
import { type Db, execBatch } from "../platform/db";

const DEMO_CLINIC_ID = "clinic-demo-pt";

/** The demo EHR's integration id: short, so the one-line sample post in the README stays readable. */
export const DEMO_INTEGRATION_ID = "demo-ehr";

export interface DemoIntegrationSecrets {
  /** Standard Webhooks signing secret ("whsec_..."), from DEMO_EHR_SECRET in .dev.vars. */
  secret: string | undefined;
  /** An API key with every scope, from DEMO_API_KEY in .dev.vars. */
  apiKey: string | undefined;
}

/**
 * The demo clinic's "demo-ehr" integration and API key, from .dev.vars so that a newcomer can sign a
 * sample and read it back without opening Settings. Idempotent, and run on every start, so a local
 * database seeded before integrations existed gets them too. Missing values: nothing is written.
 */
export async function ensureDemoIntegration(db: Db, secrets: DemoIntegrationSecrets, now: number): Promise<void> {
  const clinic = await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.id, DEMO_CLINIC_ID)).get();
  if (!clinic) return;
  const rows = await demoIntegrationRows(db, clinic.id, secrets, now);
  if (rows.length > 0) await execBatch(db, rows);
}

async function demoIntegrationRows(db: Db, clinicId: string, secrets: DemoIntegrationSecrets, now: number) {
  const rows = [];
  if (secrets.secret) {
    rows.push(
      db
        .insert(integrations)
        .values({
          id: DEMO_INTEGRATION_ID,
          clinicId,
          name: "demo-ehr",
          kind: "ehr",
          signatureScheme: "standard_webhooks",
          secret: secrets.secret,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing(),
    );
  }
  if (secrets.apiKey) {
    rows.push(
      db
        .insert(apiKeys)
        .values({
          id: `${clinicId}-demo-key`,
          clinicId,
          integrationId: secrets.secret ? DEMO_INTEGRATION_ID : null,
          name: "Demo API key (from .dev.vars)",
          prefix: apiKeyPrefix(secrets.apiKey),
          keyHash: await apiKeyHash(secrets.apiKey),
          scopes: JSON.stringify(["fhir:read", "api:read", "api:write"]),
          createdAt: now,
        })
        .onConflictDoNothing(),
    );
  }
  return rows;
}
