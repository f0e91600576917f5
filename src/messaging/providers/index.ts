import type { Clock } from "../../platform/clock";
import type { Db } from "../../platform/db";
import { outboxAdapter } from "../outbox";
import type { MessagingPort, OutgoingMessage } from "../port";
import { httpEmailAdapter } from "./email";
import { twilioAdapter } from "./twilio";

export interface ProviderSettings {
  MESSAGING_PROVIDER?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  EMAIL_FROM?: string;
}

/**
 * The configured providers behind one port: SMS and email can go to different adapters.
 * The local outbox is the default, so nothing is ever sent anywhere by accident.
 */
export function messagingPortFor(settings: ProviderSettings, db: Db, clock: Clock): MessagingPort {
  const outbox = outboxAdapter(db, clock);
  if (settings.MESSAGING_PROVIDER !== "live") return outbox;
  const sms =
    settings.TWILIO_ACCOUNT_SID && settings.TWILIO_AUTH_TOKEN && settings.TWILIO_FROM
      ? twilioAdapter({ accountSid: settings.TWILIO_ACCOUNT_SID, authToken: settings.TWILIO_AUTH_TOKEN, from: settings.TWILIO_FROM })
      : outbox;
  const email =
    settings.EMAIL_API_URL && settings.EMAIL_API_KEY && settings.EMAIL_FROM
      ? httpEmailAdapter({ url: settings.EMAIL_API_URL, apiKey: settings.EMAIL_API_KEY, from: settings.EMAIL_FROM })
      : outbox;
  return {
    name: sms === email ? sms.name : `${sms.name}+${email.name}`,
    send: (m: OutgoingMessage) => (m.channel === "sms" ? sms : email).send(m),
  };
}
