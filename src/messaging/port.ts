/** One outgoing email or SMS. Bodies for SMS must carry no clinical detail. */
export interface OutgoingMessage {
  clinicId: string | null;
  channel: "sms" | "email";
  to: string;
  /** The clinic's SMS number or sending address; the provider's default when absent. */
  from?: string | null;
  subject?: string;
  body: string;
  /** Where the provider reports delivery (Twilio status callbacks). */
  statusCallbackUrl?: string;
}

/** Every outgoing message goes through this port; adapters: local outbox (default), Twilio, HTTP email. */
export interface MessagingPort {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
}

/** A provider failure; transient ones (timeouts, 429, 5xx) are retried with backoff, others are not. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}
