import { z } from "zod";
import { ehrDeliveryStatuses } from "../ehr/tables";
import { apiScopes, integrationKinds, outboundEventTypes, signatureSchemes } from "./tables";

/** Form field names of the checkboxes: one per outbound event type and per API scope. */
export const eventField = (type: string) => `event_${type}`;
export const scopeField = (scope: string) => `scope_${scope}`;

/** Ids in URLs: generated (base32) or seeded ("demo-ehr"). Anything else is simply not found. */
export const idSchema = z.string().regex(/^[0-9A-Za-z_-]{1,80}$/);

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where outbound webhooks go. Health data leaves the clinic here, so only https; plain http only to
 * this machine while developing (a local CRM stub). Credentials in the URL would show on screen: refused.
 */
export function deliveryUrlSchema(allowLocalHttp: boolean) {
  return z
    .string()
    .trim()
    .max(2000, "At most 2000 characters")
    .default("")
    .transform((v, ctx) => {
      if (v === "") return null;
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        ctx.addIssue({ code: "custom", message: "Enter a full address, e.g. https://crm.example.com/hooks/rapport" });
        return z.NEVER;
      }
      const local = LOCAL_HOSTS.has(url.hostname);
      const fine =
        !url.username &&
        !url.password &&
        (url.protocol === "https:" || url.protocol === "http:") &&
        (local ? allowLocalHttp : url.protocol === "https:");
      if (fine) return url.toString();
      if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Leave the user name and password out of the address" });
      else if (allowLocalHttp)
        ctx.addIssue({ code: "custom", message: "Use an https:// address (http:// only for localhost while developing)" });
      else ctx.addIssue({ code: "custom", message: "Use a public https:// address" });
      return z.NEVER;
    });
}

/** A secret the clinic pastes: what the EHR signs with. Empty: Rapport generates one. */
const pastedSecret = z.string().trim().max(200, "At most 200 characters").default("");

/** "whsec_" + base64 of 24 to 64 bytes: what Standard Webhooks senders hand out. */
function isStandardWebhooksSecret(secret: string): boolean {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!m?.[1]) return false;
  try {
    const n = atob(m[1]).length;
    return n >= 24 && n <= 64;
  } catch {
    return false;
  }
}

/**
 * The secret's shape depends on the scheme: a Standard Webhooks key is "whsec_" + base64 (its bytes
 * are the key); athenahealth's and Medplum's are used as text, so a "whsec_" one there would be read
 * differently by each side.
 */
export function secretProblem(scheme: (typeof signatureSchemes)[number], secret: string): string | null {
  if (secret === "") return null;
  if (scheme === "standard_webhooks") {
    return isStandardWebhooksSecret(secret)
      ? null
      : "A Standard Webhooks secret is whsec_ followed by base64 (or leave this empty to generate one)";
  }
  if (/\s/.test(secret)) return "The secret cannot contain spaces";
  if (secret.length < 16) return "At least 16 characters (or leave this empty to generate one)";
  if (secret.startsWith("whsec_")) return "This is a Standard Webhooks secret: choose Standard Webhooks as the signature scheme";
  return null;
}

const eventsSchema = z.array(z.enum(outboundEventTypes));

/** Form strings plus the ticked outbound event checkboxes as one array, for the schemas below. */
export function withEvents(values: Record<string, string>) {
  return { ...values, subscribedEvents: outboundEventTypes.filter((t) => values[eventField(t)] === "on") };
}

/** Outbound settings: a delivery URL, and which events go there (none without a URL). */
export function outboundFormSchema(allowLocalHttp: boolean) {
  return z.object({ deliveryUrl: deliveryUrlSchema(allowLocalHttp), subscribedEvents: eventsSchema }).superRefine((v, ctx) => {
    if (v.subscribedEvents.length > 0 && v.deliveryUrl === null) {
      ctx.addIssue({ code: "custom", path: ["deliveryUrl"], message: "Enter where to send the events you ticked" });
    }
  });
}

export function integrationFormSchema(allowLocalHttp: boolean) {
  return z
    .object({
      name: z.string().trim().min(1, "Enter a name, e.g. the EHR's product name").max(80, "At most 80 characters"),
      kind: z.enum(integrationKinds, { message: "Choose EHR or CRM" }),
      signatureScheme: z.enum(signatureSchemes, { message: "Choose how the EHR signs its webhooks" }),
      secret: pastedSecret,
      deliveryUrl: deliveryUrlSchema(allowLocalHttp),
      subscribedEvents: eventsSchema,
    })
    .superRefine((v, ctx) => {
      const problem = secretProblem(v.signatureScheme, v.secret);
      if (problem) ctx.addIssue({ code: "custom", path: ["secret"], message: problem });
      if (v.subscribedEvents.length > 0 && v.deliveryUrl === null) {
        ctx.addIssue({ code: "custom", path: ["deliveryUrl"], message: "Enter where to send the events you ticked" });
      }
    });
}
export type IntegrationInput = z.infer<ReturnType<typeof integrationFormSchema>>;
export type OutboundInput = z.infer<ReturnType<typeof outboundFormSchema>>;

/** Rotation: optionally the new secret the EHR will use; its shape is checked against the scheme in the route. */
export const rotateFormSchema = z.object({ secret: pastedSecret });

export const apiKeyFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name, e.g. what will use the key").max(80, "At most 80 characters"),
  integrationId: z
    .string()
    .trim()
    .default("")
    .transform((v) => (v === "" ? null : v)),
  scopes: z.array(z.enum(apiScopes)).min(1, "Choose at least one scope"),
});
export type ApiKeyInput = z.infer<typeof apiKeyFormSchema>;

/** Form strings plus the ticked scope checkboxes as one array. */
export function withScopes(values: Record<string, string>) {
  return { ...values, scopes: apiScopes.filter((s) => values[scopeField(s)] === "on") };
}

/** The events list's query: a status filter and a keyset cursor "<receivedAt>.<id>" (never patient data). */
export const eventsQuerySchema = z.object({
  status: z.enum(ehrDeliveryStatuses).optional().catch(undefined),
  before: z
    .string()
    .regex(/^\d{1,15}\.[0-9A-Za-z_-]{1,80}$/)
    .optional()
    .catch(undefined),
  replayed: z.literal("1").optional().catch(undefined),
});
