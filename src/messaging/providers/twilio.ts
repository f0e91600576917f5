import { type MessagingPort, ProviderError } from "../port";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Default sender when the clinic has no number of its own. */
  from: string;
  fetch?: typeof fetch;
}

/** Twilio's REST Messages API: one POST per SMS, with a status callback for delivery receipts. */
export function twilioAdapter(config: TwilioConfig): MessagingPort {
  const doFetch = config.fetch ?? fetch;
  return {
    name: "twilio",
    async send(message) {
      if (message.channel !== "sms") throw new ProviderError("Twilio adapter sends SMS only", false);
      const form = new URLSearchParams({ To: message.to, From: message.from || config.from, Body: message.body });
      if (message.statusCallbackUrl) form.set("StatusCallback", message.statusCallbackUrl);
      let res: Response;
      try {
        res = await doFetch(`https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`, {
          method: "POST",
          headers: {
            authorization: `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: form.toString(),
        });
      } catch (error) {
        throw new ProviderError(`network: ${error instanceof Error ? error.name : "error"}`, true);
      }
      if (!res.ok) {
        const transient = res.status === 429 || res.status >= 500;
        const detail = await res.json<{ code?: number }>().catch(() => ({}) as { code?: number });
        throw new ProviderError(`twilio ${res.status}${detail.code ? ` code ${detail.code}` : ""}`, transient);
      }
      const body = await res.json<{ sid?: string }>();
      if (!body.sid) throw new ProviderError("twilio answered without a sid", true);
      return { providerMessageId: body.sid };
    },
  };
}
