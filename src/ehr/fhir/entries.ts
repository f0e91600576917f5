// A delivery's payload -> the resources to take in, in the order they must be applied. Pure.
import type { FhirResource } from "../apply/types";

export interface DeliveryEntry {
  /** Position in the payload (0 for a lone resource), so reasons can point at an entry without quoting it. */
  index: number;
  fullUrl: string | null;
  resourceType: string;
  resource: FhirResource | null;
  /** Decided from the envelope alone: a deletion, or a notification that names a resource it does not carry. */
  skip: string | null;
  /** "Patient/123", or "Patient (entry 4)" when the resource has no id. */
  label: string;
}

export type Flattened = { ok: true; bundleType: string | null; entries: DeliveryEntry[] } | { ok: false; reason: string };

const TAKEN_IN = new Set(["transaction", "batch", "collection", "searchset", "history", "message", "subscription-notification"]);
/** Bundle entries that describe the delivery rather than the clinic's data. */
const ENVELOPE_TYPES = new Set(["SubscriptionStatus", "MessageHeader"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

function labelOf(type: string, id: string | null, index: number): string {
  return id && /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? `${type}/${id}` : `${type} (entry ${index + 1})`;
}

function entryOf(index: number, fullUrl: string | null, resource: FhirResource): DeliveryEntry {
  // A POSTed resource has no id; the uuid of its fullUrl stands in, so the same bundle sent again finds what it made.
  const uuid = fullUrl ? /^urn:uuid:([0-9a-f-]{36})$/i.exec(fullUrl)?.[1] : undefined;
  if (uuid && !str(resource.id)) resource.id = uuid.toLowerCase();
  return {
    index,
    fullUrl,
    resourceType: resource.resourceType,
    resource,
    skip: null,
    label: labelOf(resource.resourceType, str(resource.id), index),
  };
}

const asResource = (v: unknown): FhirResource | null => (isObject(v) && typeof v.resourceType === "string" ? (v as FhirResource) : null);

export function flatten(payload: unknown): Flattened {
  const root = asResource(payload);
  if (!root) return { ok: false, reason: "the payload is not a FHIR resource (no resourceType)" };
  if (root.resourceType !== "Bundle") return { ok: true, bundleType: null, entries: [entryOf(0, null, root)] };
  const bundleType = str(root.type) ?? "";
  if (!TAKEN_IN.has(bundleType)) return { ok: false, reason: `a Bundle of type "${bundleType.slice(0, 30)}" is not taken in` };
  const raw = Array.isArray(root.entry) ? root.entry : [];
  const entries: DeliveryEntry[] = [];
  raw.forEach((e, index) => {
    if (!isObject(e)) return;
    const fullUrl = str(e.fullUrl);
    const request = isObject(e.request) ? e.request : {};
    const resource = asResource(e.resource);
    if (str(request.method)?.toUpperCase() === "DELETE") {
      const url = str(request.url) ?? "";
      const type = /^[A-Z][A-Za-z]+/.exec(url)?.[0] ?? resource?.resourceType ?? "Unknown";
      entries.push({
        index,
        fullUrl,
        resourceType: type,
        resource: null,
        skip: "deleted in the EHR: Rapport keeps its record",
        label: labelOf(type, url.split("/")[1] ?? null, index),
      });
      return;
    }
    if (!resource) {
      entries.push({
        index,
        fullUrl,
        resourceType: "Unknown",
        resource: null,
        skip: "entry without a resource",
        label: `entry ${index + 1}`,
      });
      return;
    }
    if (ENVELOPE_TYPES.has(resource.resourceType) || isStatusParameters(resource)) return;
    entries.push(entryOf(index, fullUrl, resource));
  });
  entries.push(...missingFocuses(raw, entries));
  return { ok: true, bundleType, entries };
}

/** The R4 subscriptions backport sends its status as Parameters with this profile. */
function isStatusParameters(r: FhirResource): boolean {
  const meta: unknown = r.meta;
  const profiles: unknown[] = isObject(meta) && Array.isArray(meta.profile) ? meta.profile : [];
  return r.resourceType === "Parameters" && profiles.some((p) => typeof p === "string" && p.includes("subscription-status"));
}

interface Focus {
  reference: string | null;
  identifierSystem: string | null;
  identifierValue: string | null;
  topic: string | null;
}

function focusesOf(raw: unknown[]): Focus[] {
  const out: Focus[] = [];
  for (const e of raw) {
    const r = isObject(e) ? asResource(e.resource) : null;
    if (r?.resourceType !== "SubscriptionStatus") continue;
    const topic = str(r.topic);
    for (const event of Array.isArray(r.notificationEvent) ? r.notificationEvent : []) {
      const focus = isObject(event) && isObject(event.focus) ? event.focus : null;
      if (!focus) continue;
      const identifier = isObject(focus.identifier) ? focus.identifier : {};
      out.push({
        reference: str(focus.reference),
        identifierSystem: str(identifier.system),
        identifierValue: str(identifier.value),
        topic,
      });
    }
  }
  return out;
}

/**
 * A notification whose focus is not in the bundle (athenahealth's "id-only" events) carries nothing to take
 * in: each such focus becomes a skipped entry that says so, so staff see why nothing changed.
 */
function missingFocuses(raw: unknown[], entries: DeliveryEntry[]): DeliveryEntry[] {
  const present = new Set<string>();
  for (const e of entries) {
    if (!e.resource) continue;
    if (e.fullUrl) present.add(e.fullUrl);
    if (typeof e.resource.id === "string") present.add(`${e.resourceType}/${e.resource.id}`);
  }
  return focusesOf(raw)
    .filter((f) => !(f.reference && [...present].some((p) => p === f.reference || p.endsWith(`/${f.reference}`))))
    .map((f, i) => {
      const type = focusType(f);
      // The FHIR id the EHR would be asked for, else its own identifier of the record.
      const id = f.reference?.split("/").pop() ?? f.identifierValue ?? "?";
      const shown = /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : "?";
      return {
        index: raw.length + i,
        fullUrl: null,
        resourceType: type,
        resource: null,
        skip: `event notification without the resource (${type} ${shown}); the EHR must include the resource or we must fetch it`,
        label: `${type} ${shown}`,
      };
    });
}

/** The focus's type: from its reference, else the topic ("…/SubscriptionTopic/Appointment.schedule"), else the identifier system. */
function focusType(f: Focus): string {
  const fromRef = f.reference ? /([A-Z][A-Za-z]+)\/[^/]+$/.exec(f.reference)?.[1] : null;
  if (fromRef) return fromRef;
  const fromTopic = f.topic ? /\/([A-Z][A-Za-z]+)\.[A-Za-z]+$/.exec(f.topic)?.[1] : null;
  if (fromTopic) return fromTopic;
  const word = f.identifierSystem ? /:([a-z]+):\d+$/.exec(f.identifierSystem)?.[1] : null;
  return word ? word.charAt(0).toUpperCase() + word.slice(1) : "Resource";
}

/** Practitioners and patients first, then what opens episodes, then visits, encounters and outcomes. */
const RANK: Record<string, number> = {
  Organization: 0,
  Practitioner: 1,
  Patient: 2,
  Coverage: 3,
  ServiceRequest: 4,
  CarePlan: 5,
  Appointment: 6,
  Encounter: 7,
  Observation: 8,
  QuestionnaireResponse: 8,
};

/** Stable: entries of one type keep their payload order (a history bundle lists newest versions first). */
export function inApplyOrder(entries: DeliveryEntry[]): DeliveryEntry[] {
  return entries
    .map((e, i) => ({ e, i, r: RANK[e.resourceType] ?? 9 }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e);
}

/**
 * Fills in the display of references to an Organization sent in the same delivery (a payer, a referring
 * practice), so that mappers can name it without a lookup. Mutates the parsed payload, which is ours.
 */
export function nameOrganizations(entries: DeliveryEntry[]): void {
  const names = new Map<string, string>();
  for (const e of entries) {
    const name = e.resource?.resourceType === "Organization" ? str(e.resource.name) : null;
    if (!name || !e.resource) continue;
    if (e.fullUrl) names.set(e.fullUrl, name);
    if (typeof e.resource.id === "string") names.set(`Organization/${e.resource.id}`, name);
  }
  if (names.size === 0) return;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 12) return;
    if (Array.isArray(node)) for (const n of node) visit(n, depth + 1);
    else if (isObject(node)) {
      const ref = str(node.reference);
      if (ref && !str(node.display) && names.has(ref)) node.display = names.get(ref);
      for (const v of Object.values(node)) visit(v, depth + 1);
    }
  };
  for (const e of entries) if (e.resource && e.resource.resourceType !== "Organization") visit(e.resource, 0);
}
