/** Pure: which channel a message goes out on when the caller does not force one. */

export type SendChannel = "sms" | "email";

export interface Reachability {
  phone: string | null;
  email: string | null;
  /** Chosen by the patient in the portal; null: no preference. */
  preferredChannel: SendChannel | null;
}

/**
 * The patient's own choice when they consented to it and we have the address; otherwise SMS
 * first, then email. With neither usable, SMS: the delivery rules then record why it was not sent.
 */
export function chooseChannel(p: Reachability, consent: Record<SendChannel, "granted" | "revoked" | null>): SendChannel {
  const usable = (ch: SendChannel) => consent[ch] === "granted" && Boolean(ch === "sms" ? p.phone : p.email);
  if (p.preferredChannel && usable(p.preferredChannel)) return p.preferredChannel;
  if (usable("sms")) return "sms";
  if (usable("email")) return "email";
  return "sms";
}
