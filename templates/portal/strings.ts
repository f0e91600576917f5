/** Everything a patient reads in the portal, in English and Spanish. */
import { hep } from "./strings/hep";
import { learn } from "./strings/learn";
import { messages } from "./strings/messages";
import { nav } from "./strings/nav";
import { outcomes } from "./strings/outcomes";
import { preferences } from "./strings/preferences";
import { reschedule } from "./strings/reschedule";
import { survey } from "./strings/survey";
import { verify } from "./strings/verify";

const core = {
  en: {
    openTitle: "Your visits at {clinic}",
    openIntro: "Press the button to open your page. The link is personal: please don't share it.",
    openButton: "Open my page",
    linkInvalidTitle: "This link no longer works",
    linkInvalid: "It may have expired or been replaced. Please call {clinic}{phone} and we will send you a new one.",
    sessionEnded: "For your privacy your page closed after 30 minutes. Open the link in your latest message again.",
    hello: "Hello {name}",
    nextVisit: "Your next visit",
    noVisit: "You have no visit booked. Call us to book one.",
    statusConfirmed: "Confirmed. See you then!",
    statusBooked: "Please confirm you can come.",
    confirm: "Confirm",
    cancel: "Cancel this visit",
    cancelReason: "Reason (optional)",
    cancelled: "Your visit was cancelled. Call us when you'd like a new time.",
    confirmedNow: "Thank you, your visit is confirmed.",
    callUs: "Questions? Call {phone}.",
    signOut: "Close my page",
    signedOutTitle: "Your page is closed",
    signedOut: "You can open it again from the link in your latest message.",
    yourClinic: "your clinic",
    refused: "This visit can no longer be changed here. Please call us.",
  },
  es: {
    openTitle: "Sus citas en {clinic}",
    openIntro: "Pulse el botón para abrir su página. El enlace es personal: no lo comparta.",
    openButton: "Abrir mi página",
    linkInvalidTitle: "Este enlace ya no funciona",
    linkInvalid: "Puede haber vencido o haber sido reemplazado. Llame a {clinic}{phone} y le enviaremos uno nuevo.",
    sessionEnded: "Por su privacidad, su página se cerró después de 30 minutos. Vuelva a abrir el enlace de su último mensaje.",
    hello: "Hola {name}",
    nextVisit: "Su próxima cita",
    noVisit: "No tiene citas reservadas. Llámenos para reservar una.",
    statusConfirmed: "Confirmada. ¡Le esperamos!",
    statusBooked: "Confirme por favor que puede venir.",
    confirm: "Confirmar",
    cancel: "Cancelar esta cita",
    cancelReason: "Motivo (opcional)",
    cancelled: "Su cita fue cancelada. Llámenos cuando quiera un nuevo horario.",
    confirmedNow: "Gracias, su cita está confirmada.",
    callUs: "¿Preguntas? Llame al {phone}.",
    signOut: "Cerrar mi página",
    signedOutTitle: "Su página está cerrada",
    signedOut: "Puede volver a abrirla con el enlace de su último mensaje.",
    yourClinic: "su clínica",
    refused: "Esta cita ya no se puede cambiar aquí. Llámenos por favor.",
  },
} as const;

/**
 * Every feature keeps its own dictionary in ./strings/; each must have the same keys in both languages
 * (a unit test checks). Merged here so pages call one `t`.
 */
export const portalStrings = {
  en: {
    ...core.en,
    ...nav.en,
    ...hep.en,
    ...verify.en,
    ...reschedule.en,
    ...learn.en,
    ...messages.en,
    ...preferences.en,
    ...outcomes.en,
    ...survey.en,
  },
  es: {
    ...core.es,
    ...nav.es,
    ...hep.es,
    ...verify.es,
    ...reschedule.es,
    ...learn.es,
    ...messages.es,
    ...preferences.es,
    ...outcomes.es,
    ...survey.es,
  },
} as const;

export type PortalLanguage = keyof typeof portalStrings;
export type PortalKey = keyof (typeof portalStrings)["en"];

export function t(lang: PortalLanguage, key: PortalKey, vars: Record<string, string> = {}): string {
  return portalStrings[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
