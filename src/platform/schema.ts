// Barrel of every domain's tables: the single source of truth for drizzle-kit and queries.
export * from "../audit/tables";
export * from "../auth/tables";
export * from "../clinics/tables";
export * from "../ehr/tables";
export * from "../episodes/tables";
export * from "../events/tables";
export * from "../hep/tables";
export * from "../integrations/tables";
export * from "../journey/tables";
export * from "../messaging/tables";
export * from "../outcomes/tables";
export * from "../patients/tables";
export * from "../portal/tables";
export * from "../referrals/tables";
export * from "../risk/tables";
export * from "../scheduling/tables";
export * from "../worklist/tables";
