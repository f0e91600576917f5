import type { HepSectionView } from "../../templates/hep/program-section.partial";
import { localDateIn } from "../clinics/model";
import type { StaffRole } from "../clinics/tables";
import { bodyRegionLabels } from "../episodes/schemas";
import { adherenceFigures, DOSE_FIELDS, DOSE_LIMITS, doseShorthand } from "./dose";
import { BODY_REGIONS, exerciseById, exercisesForRegion } from "./library";
import type { LoadedHep } from "./service";

/** Who may change a patient's home exercise program; everyone else on staff can see it. */
const PROGRAM_EDITORS: readonly StaffRole[] = ["owner", "admin", "therapist"];
export const canChangeProgram = (role: StaffRole): boolean => PROGRAM_EDITORS.includes(role);

/** The library as the builder's select shows it: one group per body region, names in English. */
const exerciseGroups = BODY_REGIONS.map((region) => ({
  label: bodyRegionLabels[region],
  options: exercisesForRegion(region).map((e) => [e.id, e.name] as const),
})).filter((g) => g.options.length > 0);

const doseFields = DOSE_FIELDS.map((name) => ({ name, ...DOSE_LIMITS[name] }));

/** The staff page's "Home exercises" section; `today` is the clinic's local date. */
export function hepSectionView(hep: LoadedHep, patientId: string, today: string, canEdit: boolean): HepSectionView {
  return {
    patientId,
    canEdit,
    items: hep.current.map((row) => ({
      id: row.id,
      // A library id is never renamed or removed; the raw id is a last resort for a row older than the library.
      name: exerciseById(row.exerciseId)?.name ?? row.exerciseId,
      dose: doseShorthand(row),
      since: row.startDate,
      values: Object.fromEntries(DOSE_FIELDS.map((f) => [f, String(row[f])])),
    })),
    adherence: adherenceFigures(hep.program, hep.logs, today),
    exerciseGroups,
    doseFields,
  };
}

/** "Today" for a home program: the patient's calendar day (their zone, else the clinic's), the same day the portal logs under. */
export const exerciseDay = (now: number, patientZone: string | null, clinicZone: string): string =>
  localDateIn(now, patientZone ?? clinicZone);
