import type { BodyRegion } from "../episodes/tables";

/** What outpatient physical therapy sees most, with the ICD-10-CM code a clinic would bill. */
export interface Condition {
  bodyRegion: BodyRegion;
  diagnosis: string;
  icd10Code: string;
  /** Typical plan length in weeks. */
  weeks: readonly [number, number];
  goals: readonly string[];
}

const backGoals = [
  "Sit 60 minutes at work without low back pain above 2/10",
  "Lift 25 lb from floor to waist with good mechanics",
  "Walk 30 minutes without leg symptoms",
  "Return to gardening and light yard work",
  "Independent with home exercise program for core stability",
];
const kneeGoals = [
  "Climb a flight of stairs reciprocally without a rail",
  "Walk 30 minutes on uneven ground with knee pain below 3/10",
  "Squat to pick up a grandchild without pain",
  "Knee flexion to 120 degrees",
  "Independent with home exercise program",
];
const shoulderGoals = [
  "Reach an overhead shelf without pain",
  "Sleep through the night on the affected side",
  "Return to swimming twice a week",
  "Shoulder flexion to 160 degrees with normal rhythm",
  "Carry groceries with the affected arm",
];
const neckGoals = [
  "Work at the computer for 2 hours with neck pain below 2/10",
  "Turn head fully to check blind spots while driving",
  "Reduce headaches to fewer than one a week",
  "Independent with posture and home exercise program",
];
const ankleGoals = [
  "Walk a mile without limping",
  "Single-leg balance for 30 seconds on the affected side",
  "Return to running 3 miles",
  "Descend stairs without holding the rail",
];
const hipGoals = [
  "Walk 20 minutes without a cane",
  "Get in and out of a car without help",
  "Sleep on the affected side",
  "Climb stairs reciprocally",
];

export const conditions: readonly (readonly [Condition, number])[] = [
  [{ bodyRegion: "low_back", diagnosis: "Low back pain", icd10Code: "M54.50", weeks: [4, 8], goals: backGoals }, 16],
  [{ bodyRegion: "low_back", diagnosis: "Lumbar radiculopathy", icd10Code: "M54.16", weeks: [6, 8], goals: backGoals }, 5],
  [
    {
      bodyRegion: "low_back",
      diagnosis: "Lumbar spinal stenosis without neurogenic claudication",
      icd10Code: "M48.061",
      weeks: [6, 8],
      goals: backGoals,
    },
    3,
  ],
  [{ bodyRegion: "knee", diagnosis: "Primary osteoarthritis, right knee", icd10Code: "M17.11", weeks: [6, 8], goals: kneeGoals }, 7],
  [{ bodyRegion: "knee", diagnosis: "Primary osteoarthritis, left knee", icd10Code: "M17.12", weeks: [6, 8], goals: kneeGoals }, 5],
  [{ bodyRegion: "knee", diagnosis: "Patellofemoral pain syndrome, right knee", icd10Code: "M22.2X1", weeks: [4, 6], goals: kneeGoals }, 3],
  [
    {
      bodyRegion: "knee",
      diagnosis: "Aftercare following ACL reconstruction",
      icd10Code: "Z47.89",
      weeks: [8, 10],
      goals: ["Full knee extension and flexion to 130 degrees", "Single-leg hop test at 90% of the other side", "Return to soccer"],
    },
    3,
  ],
  [
    {
      bodyRegion: "knee",
      diagnosis: "Aftercare following total knee replacement",
      icd10Code: "Z47.1",
      weeks: [6, 10],
      goals: ["Knee flexion to 115 degrees", "Walk in the community without a walker", "Climb stairs reciprocally"],
    },
    3,
  ],
  [
    {
      bodyRegion: "shoulder",
      diagnosis: "Rotator cuff tendinitis, right shoulder",
      icd10Code: "M75.101",
      weeks: [6, 8],
      goals: shoulderGoals,
    },
    7,
  ],
  [
    { bodyRegion: "shoulder", diagnosis: "Impingement syndrome, right shoulder", icd10Code: "M75.41", weeks: [4, 6], goals: shoulderGoals },
    4,
  ],
  [
    { bodyRegion: "shoulder", diagnosis: "Adhesive capsulitis, left shoulder", icd10Code: "M75.02", weeks: [8, 10], goals: shoulderGoals },
    3,
  ],
  [{ bodyRegion: "neck", diagnosis: "Neck pain", icd10Code: "M54.2", weeks: [4, 6], goals: neckGoals }, 9],
  [{ bodyRegion: "neck", diagnosis: "Cervical radiculopathy", icd10Code: "M54.12", weeks: [6, 8], goals: neckGoals }, 3],
  [
    {
      bodyRegion: "ankle_foot",
      diagnosis: "Sprain of right ankle",
      icd10Code: "S93.401A",
      weeks: [4, 6],
      goals: ankleGoals,
    },
    5,
  ],
  [{ bodyRegion: "ankle_foot", diagnosis: "Plantar fasciitis", icd10Code: "M72.2", weeks: [4, 6], goals: ankleGoals }, 3],
  [{ bodyRegion: "ankle_foot", diagnosis: "Achilles tendinitis, left leg", icd10Code: "M76.62", weeks: [4, 8], goals: ankleGoals }, 2],
  [{ bodyRegion: "hip", diagnosis: "Primary osteoarthritis, right hip", icd10Code: "M16.11", weeks: [6, 8], goals: hipGoals }, 4],
  [{ bodyRegion: "hip", diagnosis: "Trochanteric bursitis, left hip", icd10Code: "M70.62", weeks: [4, 6], goals: hipGoals }, 3],
  [
    {
      bodyRegion: "wrist_hand",
      diagnosis: "Carpal tunnel syndrome, right upper limb",
      icd10Code: "G56.01",
      weeks: [4, 6],
      goals: ["Type for an hour without numbness", "Open jars independently", "Grip strength within 80% of the other hand"],
    },
    3,
  ],
  [
    {
      bodyRegion: "elbow",
      diagnosis: "Lateral epicondylitis, right elbow",
      icd10Code: "M77.11",
      weeks: [4, 6],
      goals: ["Lift a full kettle without elbow pain", "Return to tennis", "Pain-free grip at work"],
    },
    3,
  ],
  [
    {
      bodyRegion: "thoracic",
      diagnosis: "Pain in thoracic spine",
      icd10Code: "M54.6",
      weeks: [4, 6],
      goals: ["Sit upright for an hour without mid-back pain", "Full trunk rotation both ways", "Independent with posture program"],
    },
    2,
  ],
];

export const payers: readonly (readonly [string, number])[] = [
  ["Blue Cross Blue Shield", 30],
  ["Medicare", 22],
  ["Aetna", 18],
  ["UnitedHealthcare", 18],
  ["Cigna", 12],
];

export const cancelReasons = [
  "Feeling unwell",
  "Work conflict",
  "No transportation",
  "Family matter",
  "Weather",
  "Childcare fell through",
  "Doctor's appointment at the same time",
];

/** Fictional referring practices; each source is a physician at one of them, or the practice itself. */
export const practices = [
  ["Riverbend Orthopedic Associates", "riverbend-ortho"],
  ["Maplewood Primary Care", "maplewood-pc"],
  ["Northgate Sports Medicine", "northgate-sportsmed"],
  ["Harborlight Spine Center", "harborlight-spine"],
  ["Quarry Hill Family Practice", "quarryhill-fp"],
  ["Elmstead Internal Medicine", "elmstead-im"],
] as const;

export const physicianNames = [
  "Dr. Helen Whitcombe",
  "Dr. Raymond Okafor",
  "Dr. Linnea Castellanos",
  "Dr. Marcus Delacroix-Hale",
  "Dr. Priyanka Venkataraman",
  "Dr. Gordon Ashworth",
  "Dr. Teresa Villanueva-Brandt",
  "Dr. Samuel Iwasaki-Moore",
  "Dr. Noreen Fairbanks",
  "Dr. Ezra Kolodziej",
  "Dr. Wren Halvorsen",
  "Dr. Dmitri Sandoval",
] as const;
