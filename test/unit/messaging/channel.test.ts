import { describe, expect, it } from "vitest";
import { chooseChannel } from "../../../src/messaging/channel";

const both = { phone: "+16175550111", email: "ana@example.com" };
const granted = { sms: "granted", email: "granted" } as const;

describe("chooseChannel", () => {
  it("without a preference: SMS first, then email, else SMS (the rules record why it is not sent)", () => {
    expect(chooseChannel({ ...both, preferredChannel: null }, granted)).toBe("sms");
    expect(chooseChannel({ ...both, preferredChannel: null }, { sms: "revoked", email: "granted" })).toBe("email");
    expect(chooseChannel({ phone: null, email: both.email, preferredChannel: null }, granted)).toBe("email");
    expect(chooseChannel({ ...both, preferredChannel: null }, { sms: null, email: "revoked" })).toBe("sms");
  });

  it("the patient's choice wins when consented and addressable", () => {
    expect(chooseChannel({ ...both, preferredChannel: "email" }, granted)).toBe("email");
    expect(chooseChannel({ ...both, preferredChannel: "sms" }, granted)).toBe("sms");
  });

  it("a choice that cannot be used falls back to the usual order", () => {
    expect(chooseChannel({ ...both, preferredChannel: "email" }, { sms: "granted", email: "revoked" })).toBe("sms");
    expect(chooseChannel({ phone: both.phone, email: null, preferredChannel: "email" }, granted)).toBe("sms");
    expect(chooseChannel({ phone: null, email: both.email, preferredChannel: "sms" }, granted)).toBe("email");
  });
});
