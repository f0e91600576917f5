import type { Language, TemplateText } from "./default-templates";

export interface RenderVars {
  firstName: string;
  clinicName: string;
  clinicPhone: string;
  link: string;
  /** The visit instant, shown in the patient's own time zone. */
  visitAt?: number;
  timeZone: string;
  language: Language;
  text?: string;
}

/** Pure: fills a template. Unknown placeholders are left visible so a typo is noticed in the preview. */
export function renderTemplate(t: TemplateText, v: RenderVars): { subject: string; body: string } {
  const locale = v.language === "es" ? "es-US" : "en-US";
  const date =
    v.visitAt === undefined
      ? ""
      : new Intl.DateTimeFormat(locale, { timeZone: v.timeZone, weekday: "short", month: "short", day: "numeric" }).format(v.visitAt);
  const time =
    v.visitAt === undefined
      ? ""
      : new Intl.DateTimeFormat(locale, { timeZone: v.timeZone, hour: "numeric", minute: "2-digit" }).format(v.visitAt);
  const values: Record<string, string> = {
    firstName: v.firstName,
    clinicName: v.clinicName,
    clinicPhone: v.clinicPhone,
    link: v.link,
    date,
    time,
    text: v.text ?? "",
  };
  const fill = (s: string) => s.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => values[key] ?? m);
  return { subject: fill(t.subject), body: fill(t.body) };
}

// GSM 03.38 basic set and extension table: anything else forces UCS-2 encoding.
const gsmBasic =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const gsmExtended = "^{}\\[~]|€\f";

/** SMS segments as carriers count them: 160/153 GSM-7 characters, or 70/67 UCS-2 code units. */
export function smsSegments(body: string): { encoding: "GSM-7" | "UCS-2"; segments: number; units: number } {
  let units = 0;
  let gsm = true;
  for (const ch of body) {
    if (gsmBasic.includes(ch)) units += 1;
    else if (gsmExtended.includes(ch)) units += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: "GSM-7", units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  const utf16 = body.length;
  return { encoding: "UCS-2", units: utf16, segments: utf16 <= 70 ? 1 : Math.ceil(utf16 / 67) };
}
