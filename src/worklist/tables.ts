import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { clinics, staffUsers } from "../clinics/tables";
import { patients } from "../patients/tables";

export const taskTypes = [
  "call_to_schedule",
  "at_risk_outreach",
  "authorization_expiring",
  "progress_note_due",
  "service_recovery",
  "message_follow_up",
  "portal_locked",
  "pain_increase",
  "other",
] as const;
export type TaskType = (typeof taskTypes)[number];
export const taskStatuses = ["open", "done", "cancelled"] as const;

/** The worklist: things staff must do, made by hand or by rules. */
export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id").references(() => patients.id),
    type: text("type", { enum: taskTypes }).notNull(),
    title: text("title").notNull(),
    assigneeId: text("assignee_id").references(() => staffUsers.id),
    /** Local date (YYYY-MM-DD) in the clinic's time zone. */
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: taskStatuses }).notNull().default("open"),
    outcomeNote: text("outcome_note"),
    /** Set for rule-made tasks so a rule firing twice makes one task. */
    ruleKey: text("rule_key"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    completedAt: integer("completed_at"),
  },
  (t) => [
    uniqueIndex("tasks_rule_key_unique").on(t.clinicId, t.ruleKey),
    index("tasks_clinic_status_due_idx").on(t.clinicId, t.status, t.dueDate),
    index("tasks_clinic_assignee_idx").on(t.clinicId, t.assigneeId, t.status, t.dueDate),
    index("tasks_clinic_patient_idx").on(t.clinicId, t.patientId, t.status),
  ],
);
