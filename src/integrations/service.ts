import type { EhrDeliveryStatus } from "../ehr/tables";
import { type Actor, auditStatement, recordAudit } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId, randomToken } from "../platform/ids";
import { apiKeyHash, apiKeyPrefix, newApiKey, newSigningSecret, PREVIOUS_SECRET_GRACE_MS } from "./model";
import * as repo from "./repo";
import type { ApiKeyInput, IntegrationInput, OutboundInput } from "./schemas";
import type { SignatureScheme } from "./tables";

export type { ApiKeyRow, IntegrationRow } from "./repo";

/**
 * A fresh secret for a scheme. Standard Webhooks keys are "whsec_" + base64 (the bytes are the key);
 * athenahealth and Medplum use the secret's text as the key, so theirs is plain URL-safe text.
 */
export function generatedSecret(scheme: SignatureScheme): string {
  return scheme === "standard_webhooks" ? newSigningSecret() : randomToken(32);
}

export const listIntegrations = (deps: Deps, clinicId: string) => repo.listIntegrations(deps.db, clinicId);
export const findIntegration = (deps: Deps, clinicId: string, id: string) => repo.findIntegration(deps.db, clinicId, id);

export async function createIntegration(deps: Deps, actor: Actor, input: IntegrationInput): Promise<Result<string, "name_taken">> {
  if (await repo.findIntegrationByName(deps.db, actor.clinicId, input.name)) return err("name_taken");
  const now = deps.clock.now();
  const id = newId(now);
  await deps.db.batch([
    repo.insertIntegration(deps.db, {
      id,
      clinicId: actor.clinicId,
      name: input.name,
      kind: input.kind,
      signatureScheme: input.signatureScheme,
      secret: input.secret || generatedSecret(input.signatureScheme),
      deliveryUrl: input.deliveryUrl,
      subscribedEvents: JSON.stringify(input.subscribedEvents),
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(deps, actor, "integration.create"),
  ]);
  return ok(id);
}

/** The signing secret for display: reading it is audited, like any credential shown on screen. */
export async function revealSecret(deps: Deps, actor: Actor, id: string) {
  const integration = await repo.findIntegration(deps.db, actor.clinicId, id);
  if (!integration) return undefined;
  await recordAudit(deps, actor, "integration.secret_viewed");
  return integration;
}

/**
 * A new secret; the old one keeps verifying for PREVIOUS_SECRET_GRACE_MS so the EHR can switch over
 * without losing deliveries. A second rotation inside the grace period drops the oldest secret.
 */
export async function rotateSecret(deps: Deps, actor: Actor, id: string, pasted: string): Promise<Result<number, "not_found">> {
  const integration = await repo.findIntegration(deps.db, actor.clinicId, id);
  if (!integration) return err("not_found");
  const now = deps.clock.now();
  const previousSecretExpiresAt = now + PREVIOUS_SECRET_GRACE_MS;
  await deps.db.batch([
    repo.updateIntegrationRow(deps.db, actor.clinicId, id, {
      secret: pasted || generatedSecret(integration.signatureScheme),
      previousSecret: integration.secret,
      previousSecretExpiresAt,
      updatedAt: now,
    }),
    auditStatement(deps, actor, "integration.secret_rotated"),
  ]);
  return ok(previousSecretExpiresAt);
}

export async function updateOutbound(deps: Deps, actor: Actor, id: string, input: OutboundInput): Promise<Result<true, "not_found">> {
  if (!(await repo.findIntegration(deps.db, actor.clinicId, id))) return err("not_found");
  await deps.db.batch([
    repo.updateIntegrationRow(deps.db, actor.clinicId, id, {
      deliveryUrl: input.deliveryUrl,
      subscribedEvents: JSON.stringify(input.subscribedEvents),
      updatedAt: deps.clock.now(),
    }),
    auditStatement(deps, actor, "integration.update"),
  ]);
  return ok(true);
}

/** Disabled: its webhooks answer 404, its API keys stop working, nothing is sent to it. */
export async function setDisabled(deps: Deps, actor: Actor, id: string, disabled: boolean): Promise<Result<true, "not_found">> {
  const integration = await repo.findIntegration(deps.db, actor.clinicId, id);
  if (!integration) return err("not_found");
  if ((integration.disabledAt !== null) === disabled) return ok(true);
  const now = deps.clock.now();
  await deps.db.batch([
    repo.updateIntegrationRow(deps.db, actor.clinicId, id, { disabledAt: disabled ? now : null, updatedAt: now }),
    auditStatement(deps, actor, disabled ? "integration.disable" : "integration.enable"),
  ]);
  return ok(true);
}

export const listApiKeys = (deps: Deps, clinicId: string) => repo.listApiKeys(deps.db, clinicId);

/** The key is returned once, to show once: only its hash and a short prefix are stored. */
export async function createApiKey(
  deps: Deps,
  actor: Actor,
  input: ApiKeyInput,
): Promise<Result<{ id: string; key: string }, "unknown_integration">> {
  if (input.integrationId && !(await repo.findIntegration(deps.db, actor.clinicId, input.integrationId))) return err("unknown_integration");
  const now = deps.clock.now();
  const id = newId(now);
  const key = newApiKey();
  await deps.db.batch([
    repo.insertApiKey(deps.db, {
      id,
      clinicId: actor.clinicId,
      integrationId: input.integrationId,
      name: input.name,
      prefix: apiKeyPrefix(key),
      keyHash: await apiKeyHash(key),
      scopes: JSON.stringify(input.scopes),
      createdBy: actor.actorId,
      createdAt: now,
    }),
    auditStatement(deps, actor, "api_key.create"),
  ]);
  return ok({ id, key });
}

export async function revokeApiKey(deps: Deps, actor: Actor, id: string): Promise<Result<true, "not_found">> {
  const key = await repo.findApiKey(deps.db, actor.clinicId, id);
  if (!key) return err("not_found");
  if (key.revokedAt !== null) return ok(true);
  await deps.db.batch([repo.revokeApiKeyRow(deps.db, actor.clinicId, id, deps.clock.now()), auditStatement(deps, actor, "api_key.revoke")]);
  return ok(true);
}

/** One page of an integration's inbound deliveries, plus counts per status for the filter. */
export async function deliveryEvents(
  deps: Deps,
  clinicId: string,
  integrationId: string,
  filter: { status?: EhrDeliveryStatus; before?: repo.DeliveryCursor },
  limit: number,
) {
  const integration = await repo.findIntegration(deps.db, clinicId, integrationId);
  if (!integration) return undefined;
  const [deliveries, counts] = await Promise.all([
    repo.listDeliveries(deps.db, clinicId, integrationId, filter, limit),
    repo.countDeliveriesByStatus(deps.db, clinicId, integrationId),
  ]);
  return { integration, deliveries, counts };
}

/** The raw payload as received: it may hold patient data, so every view is audited. */
export async function viewPayload(deps: Deps, actor: Actor, integrationId: string, deliveryId: string) {
  const integration = await repo.findIntegration(deps.db, actor.clinicId, integrationId);
  if (!integration) return undefined;
  const delivery = await repo.findDelivery(deps.db, actor.clinicId, integrationId, deliveryId);
  if (!delivery) return undefined;
  await recordAudit(deps, actor, "ehr.payload_viewed");
  return { integration, delivery };
}

export const findDelivery = (deps: Deps, clinicId: string, integrationId: string, deliveryId: string) =>
  repo.findDelivery(deps.db, clinicId, integrationId, deliveryId);
