/** One outgoing email or SMS. Bodies for SMS must carry no clinical detail. */
export interface OutgoingMessage {
  clinicId: string | null;
  channel: "sms" | "email";
  to: string;
  subject?: string;
  body: string;
}

/** Every outgoing message goes through this port; adapters: local outbox (default), providers later. */
export interface MessagingPort {
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
}
