import { type MessagingPort, ProviderError } from "../port";

export interface HttpEmailConfig {
  /** A JSON email API that takes { from, to, subject, text } with a bearer key (Resend, Postmark-style). */
  url: string;
  apiKey: string;
  from: string;
  fetch?: typeof fetch;
}

export function httpEmailAdapter(config: HttpEmailConfig): MessagingPort {
  const doFetch = config.fetch ?? fetch;
  return {
    name: "http-email",
    async send(message) {
      if (message.channel !== "email") throw new ProviderError("email adapter sends email only", false);
      let res: Response;
      try {
        res = await doFetch(config.url, {
          method: "POST",
          headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ from: message.from || config.from, to: [message.to], subject: message.subject ?? "", text: message.body }),
        });
      } catch (error) {
        throw new ProviderError(`network: ${error instanceof Error ? error.name : "error"}`, true);
      }
      if (!res.ok) throw new ProviderError(`email provider ${res.status}`, res.status === 429 || res.status >= 500);
      const body = await res.json<{ id?: string }>().catch(() => ({}) as { id?: string });
      return { providerMessageId: body.id ?? `email-${crypto.randomUUID()}` };
    },
  };
}
