import { describe, expect, it } from "vitest";
import { base64url, newId, randomToken, sha256Hex, timingSafeEqual } from "../../../src/platform/ids";

const crockfordLower = /^[0-9abcdefghjkmnpqrstvwxyz]{26}$/;

describe("newId", () => {
  it("is 26 characters of lower-case Crockford base32 (no i, l, o, u)", () => {
    for (let i = 0; i < 200; i++) expect(newId()).toMatch(crockfordLower);
  });

  it.each([0, 1, 31, 32, 1_000_000, Date.UTC(2026, 10, 27), 2 ** 48 - 1])("has the right shape at time %d", (t) => {
    expect(newId(t)).toMatch(crockfordLower);
  });

  it("encodes the timestamp in the first 10 characters", () => {
    expect(newId(0).slice(0, 10)).toBe("0000000000");
    expect(newId(1).slice(0, 10)).toBe("0000000001");
    expect(newId(32).slice(0, 10)).toBe("0000000010");
    const t = Date.UTC(2026, 10, 27, 12, 0, 0);
    expect(newId(t).slice(0, 10)).toBe(newId(t).slice(0, 10));
  });

  it("sorts by time: ids made at increasing timestamps sort increasingly", () => {
    const times = [0, 1, 9, 10, 31, 32, 33, 1023, 1024, 1_700_000_000_000, 1_700_000_000_001, Date.UTC(2026, 10, 27), Date.UTC(2099, 0, 1)];
    const ids = times.map((t) => newId(t));
    expect([...ids].sort()).toEqual(ids);
    // Also across one day at one-second steps, shuffled then sorted.
    const base = Date.UTC(2026, 10, 27);
    const day = Array.from({ length: 500 }, (_, i) => newId(base + i * 1000 + (i % 7)));
    expect([...day].reverse().sort()).toEqual(day);
  });

  it("is unique across 10,000 calls in the same millisecond", () => {
    const t = Date.UTC(2026, 10, 27);
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(t)));
    expect(ids.size).toBe(10_000);
  });

  it("is unique across 10,000 calls with the real clock", () => {
    expect(new Set(Array.from({ length: 10_000 }, () => newId())).size).toBe(10_000);
  });
});

describe("randomToken", () => {
  it("of 32 bytes is 43 base64url characters", () => {
    for (let i = 0; i < 100; i++) expect(randomToken(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    [16, 22],
    [24, 32],
    [48, 64],
  ])("of %d bytes is %d characters", (bytes, length) => {
    expect(randomToken(bytes)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
  });

  it("does not repeat", () => {
    expect(new Set(Array.from({ length: 1000 }, () => randomToken())).size).toBe(1000);
  });
});

describe("base64url", () => {
  it.each([
    [[], ""],
    [[0xfb, 0xff], "-_8"],
    [[0xff, 0xfe, 0xfd], "__79"],
    [[104, 105], "aGk"],
  ])("%j -> %j", (bytes, expected) => {
    expect(base64url(new Uint8Array(bytes))).toBe(expected);
  });
});

describe("sha256Hex", () => {
  it.each([
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  ])("sha256(%j)", async (input, expected) => {
    expect(await sha256Hex(input)).toBe(expected);
  });

  it("hashes the UTF-8 bytes of the input", async () => {
    // "é" is c3 a9 in UTF-8
    expect(await sha256Hex("é")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  });
});

describe("timingSafeEqual", () => {
  it.each([
    ["", "", true],
    ["abc", "abc", true],
    ["token-Ab_9", "token-Ab_9", true],
    ["abc", "abd", false],
    ["abc", "Abc", false],
    ["abc", "ab", false],
    ["ab", "abc", false],
    ["", "a", false],
    ["é", "e\u0301", false],
    ["\u00e9", "\u00e9", true],
  ])("%j vs %j -> %s", (a, b, equal) => {
    expect(timingSafeEqual(a, b)).toBe(equal);
  });
});
