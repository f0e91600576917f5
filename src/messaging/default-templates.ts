import type { MessagePurpose } from "../journey/machine";

export type TemplatePurpose =
  | MessagePurpose
  | "stop_confirmation"
  | "start_confirmation"
  | "help"
  | "reschedule_link"
  | "staff_reply"
  | "portal_code"
  /** To a promoter of the discharge survey: the clinic's review page, through Rapport's review link (src/surveys). */
  | "review_request";
export type Language = "en" | "es";

export interface TemplateText {
  subject: string;
  /** SMS and email share the words; SMS never names a diagnosis or any clinical detail. */
  body: string;
}

/**
 * Default wording, English and Spanish. Placeholders: {{firstName}} {{clinicName}} {{clinicPhone}}
 * {{date}} {{time}} {{link}}. Clinics can override each one in Settings -> Messages.
 */
export const defaultTemplates: Record<TemplatePurpose, Record<Language, TemplateText>> = {
  referral_first_contact: {
    en: {
      subject: "Welcome to {{clinicName}}",
      body: "Hi {{firstName}}, this is {{clinicName}}. Your doctor referred you to us. Book your first visit here: {{link}} or call {{clinicPhone}}.",
    },
    es: {
      subject: "Bienvenido a {{clinicName}}",
      body: "Hola {{firstName}}, le escribe {{clinicName}}. Su médico le refirió a nosotros. Reserve su primera cita aquí: {{link}} o llame al {{clinicPhone}}.",
    },
  },
  referral_follow_up: {
    en: {
      subject: "Your first visit at {{clinicName}}",
      body: "Hi {{firstName}}, we'd love to help you get started. Pick a time that suits you: {{link}} or call {{clinicPhone}}.",
    },
    es: {
      subject: "Su primera cita en {{clinicName}}",
      body: "Hola {{firstName}}, queremos ayudarle a empezar. Elija un horario que le convenga: {{link}} o llame al {{clinicPhone}}.",
    },
  },
  visit_reminder: {
    en: {
      subject: "Reminder: your visit on {{date}} at {{time}}",
      body: "Hi {{firstName}}, a reminder of your visit at {{clinicName}} on {{date}} at {{time}}. Reply C to confirm, X to cancel, R to reschedule, or use {{link}}",
    },
    es: {
      subject: "Recordatorio: su cita el {{date}} a las {{time}}",
      body: "Hola {{firstName}}, le recordamos su cita en {{clinicName}} el {{date}} a las {{time}}. Responda C para confirmar, X para cancelar, R para cambiarla, o use {{link}}",
    },
  },
  missed_visit_outreach: {
    en: {
      subject: "We missed you at {{clinicName}}",
      body: "Hi {{firstName}}, we missed you today. Staying on track matters for your recovery. Book your next visit: {{link}} or call {{clinicPhone}}.",
    },
    es: {
      subject: "Le extrañamos en {{clinicName}}",
      body: "Hola {{firstName}}, le extrañamos hoy. Seguir con su plan es importante para su recuperación. Reserve su próxima cita: {{link}} o llame al {{clinicPhone}}.",
    },
  },
  at_risk_outreach: {
    en: {
      subject: "How are you doing, {{firstName}}?",
      body: "Hi {{firstName}}, it's {{clinicName}}. How are things going? If anything makes it hard to come in, reply and we'll help, or see your plan: {{link}}",
    },
    es: {
      subject: "¿Cómo está, {{firstName}}?",
      body: "Hola {{firstName}}, le escribe {{clinicName}}. ¿Cómo le va? Si algo le dificulta venir, responda y le ayudamos, o vea su plan: {{link}}",
    },
  },
  reactivation: {
    en: {
      subject: "Let's finish what you started",
      body: "Hi {{firstName}}, you were making progress at {{clinicName}}. Let's finish your plan: book a visit at {{link}} or call {{clinicPhone}}.",
    },
    es: {
      subject: "Terminemos lo que empezó",
      body: "Hola {{firstName}}, estaba avanzando en {{clinicName}}. Terminemos su plan: reserve una cita en {{link}} o llame al {{clinicPhone}}.",
    },
  },
  discharge_survey: {
    en: {
      subject: "How likely are you to recommend {{clinicName}}?",
      body: "Hi {{firstName}}, congratulations on finishing your care at {{clinicName}}! How likely are you to recommend us, 0-10? Tell us here: {{link}}",
    },
    es: {
      subject: "¿Nos recomendaría?",
      body: "Hola {{firstName}}, ¡felicidades por terminar su tratamiento en {{clinicName}}! ¿Qué tan probable es que nos recomiende, de 0 a 10? Díganos aquí: {{link}}",
    },
  },
  review_request: {
    en: {
      subject: "Would you share your experience at {{clinicName}}?",
      body: "Hi {{firstName}}, thank you for your great score! Would you share your experience at {{clinicName}} in a quick review? It helps others find us: {{link}}",
    },
    es: {
      subject: "¿Compartiría su experiencia en {{clinicName}}?",
      body: "Hola {{firstName}}, ¡gracias por su excelente calificación! ¿Compartiría su experiencia en {{clinicName}} en una breve reseña? Ayuda a otros a encontrarnos: {{link}}",
    },
  },
  alumni_check_in: {
    en: {
      subject: "Checking in from {{clinicName}}",
      body: "Hi {{firstName}}, checking in from {{clinicName}}. Keeping up with your exercises? If you'd like a tune-up visit, book here: {{link}}",
    },
    es: {
      subject: "Saludos de {{clinicName}}",
      body: "Hola {{firstName}}, le saludamos de {{clinicName}}. ¿Sigue con sus ejercicios? Si desea una visita de control, reserve aquí: {{link}}",
    },
  },
  hep_nudge: {
    en: {
      subject: "Your home exercises",
      body: "Hi {{firstName}}, a friendly nudge from {{clinicName}}: a few minutes of your home exercises today keeps you on track. See today's list: {{link}}",
    },
    es: {
      subject: "Sus ejercicios en casa",
      body: "Hola {{firstName}}, un recordatorio amable de {{clinicName}}: unos minutos de sus ejercicios en casa hoy le mantienen en camino. Vea la lista de hoy: {{link}}",
    },
  },
  pain_check_in: {
    en: {
      subject: "How are you feeling this week?",
      body: "Hi {{firstName}}, it's {{clinicName}}. How are you feeling this week? Tell us in 10 seconds so we can adjust your plan: {{link}}",
    },
    es: {
      subject: "¿Cómo se siente esta semana?",
      body: "Hola {{firstName}}, le escribe {{clinicName}}. ¿Cómo se siente esta semana? Díganos en 10 segundos para ajustar su plan: {{link}}",
    },
  },
  questionnaire_request: {
    en: {
      subject: "A short questionnaire from {{clinicName}}",
      body: "Hi {{firstName}}, {{clinicName}} has a short questionnaire for you. Your answers help us track your progress: {{link}}",
    },
    es: {
      subject: "Un breve cuestionario de {{clinicName}}",
      body: "Hola {{firstName}}, {{clinicName}} tiene un breve cuestionario para usted. Sus respuestas nos ayudan a seguir su progreso: {{link}}",
    },
  },
  reschedule_link: {
    en: {
      subject: "Reschedule your visit",
      body: "Hi {{firstName}}, pick a new time for your visit here: {{link}} or call {{clinicPhone}}.",
    },
    es: {
      subject: "Cambie su cita",
      body: "Hola {{firstName}}, elija un nuevo horario para su cita aquí: {{link}} o llame al {{clinicPhone}}.",
    },
  },
  stop_confirmation: {
    en: { subject: "Unsubscribed", body: "{{clinicName}}: you will no longer receive text messages from us. Reply START to resubscribe." },
    es: { subject: "Baja confirmada", body: "{{clinicName}}: ya no recibirá mensajes de texto. Responda START para volver a suscribirse." },
  },
  start_confirmation: {
    en: { subject: "Subscribed", body: "{{clinicName}}: you will receive text messages from us again. Reply STOP to unsubscribe." },
    es: {
      subject: "Suscripción confirmada",
      body: "{{clinicName}}: volverá a recibir nuestros mensajes de texto. Responda STOP para darse de baja.",
    },
  },
  help: {
    en: { subject: "Help", body: "{{clinicName}}: for help call {{clinicPhone}}. Reply STOP to unsubscribe. Msg & data rates may apply." },
    es: {
      subject: "Ayuda",
      body: "{{clinicName}}: para ayuda llame al {{clinicPhone}}. Responda STOP para darse de baja. Pueden aplicarse tarifas.",
    },
  },
  staff_reply: {
    en: { subject: "Message from {{clinicName}}", body: "{{text}}" },
    es: { subject: "Mensaje de {{clinicName}}", body: "{{text}}" },
  },
  portal_code: {
    en: { subject: "Your code", body: "{{clinicName}}: your code is {{text}}. It works for 10 minutes. Never share it." },
    es: { subject: "Su código", body: "{{clinicName}}: su código es {{text}}. Sirve durante 10 minutos. No lo comparta." },
  },
};
