import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clinics } from "../clinics/tables";
import { episodes } from "../episodes/tables";
import { patients } from "../patients/tables";

/**
 * Completed questionnaires, pain check-ins included (an NPRS response with an optional note).
 * `resource` is the FHIR R4 QuestionnaireResponse as JSON; `score` is the instrument's score, kept
 * beside it so charts and rules never re-parse the resource.
 */
export const questionnaireResponses = sqliteTable(
  "questionnaire_responses",
  {
    id: text("id").primaryKey(),
    clinicId: text("clinic_id")
      .notNull()
      .references(() => clinics.id),
    patientId: text("patient_id")
      .notNull()
      .references(() => patients.id),
    episodeId: text("episode_id").references(() => episodes.id),
    instrumentId: text("instrument_id", { enum: ["nprs", "psfs", "lefs", "odi", "ndi"] }).notNull(),
    /** "check_in" for the 10-second pain check-in; "questionnaire" for a full instrument. */
    kind: text("kind", { enum: ["check_in", "questionnaire"] }).notNull(),
    score: real("score").notNull(),
    note: text("note"),
    resource: text("resource").notNull(),
    source: text("source", { enum: ["portal", "staff", "ehr"] }).notNull(),
    authoredAt: integer("authored_at").notNull(),
  },
  (t) => [index("questionnaire_responses_patient_idx").on(t.clinicId, t.patientId, t.instrumentId, t.authoredAt)],
);
