import { localParts } from "../platform/time";
import { instantMaker } from "./diary";
import { planEngagement } from "./engagement";
import type { Discharge } from "./episodes";
import { homeExercises } from "./home-care";
import { outcomeResponses } from "./outcomes";
import type { Random } from "./random";
import type { DemoPatient } from "./types";
import type { EpisodeState } from "./visits";

/** What patients did in the portal: home exercise programs and logs, pain check-ins and questionnaires. */
export function portalRows(
  rnd: Random,
  input: {
    clinicId: string;
    now: number;
    today: string;
    timeZone: string;
    states: EpisodeState[];
    discharges: (Discharge | null)[];
    therapistIds: string[];
    patientOf: (s: EpisodeState) => DemoPatient | undefined;
  },
) {
  const { clinicId, now, states, discharges, therapistIds } = input;
  const localDate = (at: number) => localParts(at, input.timeZone).date;
  const zoneOf = (s: EpisodeState) => input.patientOf(s)?.timeZone ?? input.timeZone;
  const instants = new Map<string, ReturnType<typeof instantMaker>>();
  const instantOf = (s: EpisodeState) => {
    const zone = zoneOf(s);
    const known = instants.get(zone) ?? instantMaker(zone);
    instants.set(zone, known);
    return known;
  };
  const patientIdOf = (s: EpisodeState) => input.patientOf(s)?.id ?? "";
  const engagement = planEngagement(rnd, { states, discharges, today: input.today, localDate });
  const common = { clinicId, now, states, engagement, discharges, patientIdOf, instantOf, localDate, therapistIds };
  const home = homeExercises(rnd, { ...common, zoneOf });
  const outcomes = outcomeResponses(rnd, { ...common, languageOf: (s) => input.patientOf(s)?.preferredLanguage ?? "en" });
  return {
    items: home.items,
    logs: home.logs,
    responses: outcomes.responses,
    tasks: outcomes.tasks,
    events: [...home.events, ...outcomes.events],
  };
}
