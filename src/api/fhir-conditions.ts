import { and, type Column, eq, gte, inArray, isNull, lt, notInArray, or, type SQL, sql } from "drizzle-orm";
import { ourAppointmentStatuses } from "../ehr/fhir-out/appointment";
import { endedEarly } from "../ehr/fhir-out/care-plan";
import { instrumentsForCode } from "../ehr/fhir-out/observation";
import { episodes } from "../episodes/tables";
import { questionnaireResponses } from "../outcomes/tables";
import { escapeLike, fold } from "../patients/model";
import { patientIdentifiers, patients } from "../patients/tables";
import { appointments } from "../scheduling/tables";
import { bounds, type DateRange } from "./fhir-dates";
import type { Clause, Token } from "./fhir-search";

/** SQL for the search clauses, per resource type. Every statement also carries the clinic condition (fhir-repo.ts). */

const never = sql`0`;
const anyOf = (parts: SQL[]) => (parts.length === 0 ? never : parts.length === 1 ? (parts[0] as SQL) : (or(...parts) as SQL));

/** Membership in a list with one bound parameter (a JSON array), whatever its length. */
export const inList = (column: Column, values: string[]) => sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

function inRange<T extends string | number>(column: Column, r: DateRange<T>): SQL {
  const b = bounds(r);
  const parts = [b.from !== undefined ? gte(column, b.from) : undefined, b.before !== undefined ? lt(column, b.before) : undefined];
  return (and(...parts.filter((p) => p !== undefined)) ?? sql`1`) as SQL;
}

function identifierMatch(clinicId: string, t: Token): SQL {
  const parts: SQL[] = [eq(patientIdentifiers.clinicId, clinicId), sql`${patientIdentifiers.patientId} = ${patients.id}`];
  if (t.system !== null) parts.push(eq(patientIdentifiers.system, t.system));
  if (t.code !== null) parts.push(eq(patientIdentifiers.value, t.code));
  return sql`EXISTS (SELECT 1 FROM ${patientIdentifiers} WHERE ${and(...parts)})`;
}

/** A name prefix on any part of the name (family or given), as the staff search matches it. */
function namePrefix(value: string): SQL {
  const e = escapeLike(fold(value));
  return or(sql`${patients.searchName} LIKE ${`${e}%`} ESCAPE '\\'`, sql`${patients.searchName} LIKE ${`% ${e}%`} ESCAPE '\\'`) as SQL;
}

export function patientCondition(clinicId: string, c: Clause): SQL {
  switch (c.param) {
    case "_id":
      return inList(patients.id, c.values);
    case "identifier":
      return anyOf(c.values.map((t) => identifierMatch(clinicId, t)));
    case "name":
      return anyOf(c.values.map(namePrefix));
    case "birthdate":
      return anyOf(c.values.map((r) => inRange(patients.dateOfBirth, r)));
    default:
      return never;
  }
}

export function appointmentCondition(c: Clause): SQL {
  switch (c.param) {
    case "_id":
      return inList(appointments.id, c.values);
    case "patient":
      return inList(appointments.patientId, c.values);
    case "date":
      return anyOf(c.values.map((r) => inRange(appointments.startsAt, r)));
    case "status": {
      const ours = c.values.flatMap(ourAppointmentStatuses);
      return ours.length > 0 ? inArray(appointments.status, ours) : never;
    }
    default:
      return never;
  }
}

export function responseCondition(c: Clause): SQL {
  switch (c.param) {
    case "_id":
      return inList(questionnaireResponses.id, c.values);
    case "patient":
      return inList(questionnaireResponses.patientId, c.values);
    case "code": {
      const instruments = c.values.flatMap((t) => (t.code === null ? [] : instrumentsForCode(t.system, t.code)));
      return instruments.length > 0 ? inArray(questionnaireResponses.instrumentId, instruments) : never;
    }
    default:
      return never;
  }
}

function carePlanStatusIs(code: string): SQL {
  if (code === "active") return eq(episodes.status, "open");
  const early = and(eq(episodes.status, "discharged"), inArray(episodes.dischargeReason, endedEarly)) as SQL;
  if (code === "revoked") return early;
  if (code === "completed") {
    return and(
      eq(episodes.status, "discharged"),
      or(isNull(episodes.dischargeReason), notInArray(episodes.dischargeReason, endedEarly)),
    ) as SQL;
  }
  return never;
}

export function carePlanCondition(c: Clause): SQL {
  switch (c.param) {
    case "_id":
      return inList(episodes.id, c.values);
    case "patient":
      return inList(episodes.patientId, c.values);
    case "status":
      return anyOf(c.values.map(carePlanStatusIs));
    default:
      return never;
  }
}

/** For tables searched by id and patient only (messages). */
export function idAndPatientCondition(idColumn: Column, patientColumn: Column, c: Clause): SQL {
  if (c.param === "_id") return inList(idColumn, c.values);
  if (c.param === "patient") return inList(patientColumn, c.values);
  return never;
}
