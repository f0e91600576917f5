import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { fixedClock, MINUTE } from "../../../src/platform/clock";
import { loginTokens, outboxMessages } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";
import { BASE, env, fetchApp, latestLoginToken, postForm, randomIp, signIn } from "../../helpers/http";

const form = (data: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
  body: new URLSearchParams(data).toString(),
});

describe("staff sign-in by email link", () => {
  it("stores only a hash of the token and mails a link", async () => {
    const clinic = await makeClinic();
    const res = await postForm("/login", { email: clinic.staff.owner.email });
    expect(res.status).toBe(200);
    const token = await latestLoginToken(clinic.staff.owner.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const rows = await db().select().from(loginTokens).all();
    expect(rows.some((r) => r.tokenHash.includes(token))).toBe(false);
  });

  it("answers the same whether or not the address exists, and mails nothing for an unknown one", async () => {
    const clinic = await makeClinic();
    const known = await postForm("/login", { email: clinic.staff.therapist.email }, { "cf-connecting-ip": randomIp() });
    const unknown = await postForm("/login", { email: "nobody-here@clinic.test" }, { "cf-connecting-ip": randomIp() });
    expect(unknown.status).toBe(known.status);
    const strip = (s: string) => s.replace(/value="[^"]*"/g, "");
    expect(strip(await unknown.text())).toBe(strip(await known.text()));
    const mailed = await db().select().from(outboxMessages).where(eq(outboxMessages.to, "nobody-here@clinic.test")).all();
    expect(mailed).toHaveLength(0);
  });

  it("a GET of the link does not consume it; the POST does, once", async () => {
    const clinic = await makeClinic();
    await postForm("/login", { email: clinic.staff.owner.email });
    const token = await latestLoginToken(clinic.staff.owner.email);

    for (let i = 0; i < 3; i++) {
      const landing = await fetchApp(`/login/verify?token=${token}`);
      expect(landing.status).toBe(200);
      expect(landing.headers.get("set-cookie")).toBeNull();
      expect(await landing.text()).toContain(">Sign in</button>");
    }
    const first = await postForm("/login/verify", { token });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/");
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/rapport_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain-http localhost

    const second = await postForm("/login/verify", { token });
    expect(second.status).toBe(410);
    expect(second.headers.get("set-cookie")).toBeNull();
    expect((await fetchApp(`/login/verify?token=${token}`)).status).toBe(410);
  });

  it("sets a Secure cookie on https", async () => {
    const clinic = await makeClinic();
    await postForm("/login", { email: clinic.staff.owner.email });
    const token = await latestLoginToken(clinic.staff.owner.email);
    const res = await createApp().request(
      "https://rapport.example/login/verify",
      { ...form({ token }), headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://rapport.example" } },
      env,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });

  it("a link expires after 15 minutes", async () => {
    const clinic = await makeClinic();
    const clock = fixedClock(Date.now());
    const app = createApp({ clock });
    await app.request(`${BASE}/login`, form({ email: clinic.staff.admin.email }), env);
    const token = await latestLoginToken(clinic.staff.admin.email);
    clock.advance(15 * MINUTE + 1);
    expect((await app.request(`${BASE}/login/verify?token=${token}`, {}, env)).status).toBe(410);
    const res = await app.request(`${BASE}/login/verify`, form({ token }), env);
    expect(res.status).toBe(410);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("refuses malformed and unknown tokens without a session", async () => {
    expect((await postForm("/login/verify", { token: "short" })).status).toBe(400);
    const unknown = await postForm("/login/verify", { token: "A".repeat(43) });
    expect(unknown.status).toBe(410);
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("rate-limits link requests per address and per client IP", async () => {
    const clinic = await makeClinic();
    const email = clinic.staff.front_desk.email;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await postForm("/login", { email }, { "cf-connecting-ip": randomIp() })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);

    const ip = randomIp();
    const fromIp: number[] = [];
    for (let i = 0; i < 31; i++)
      fromIp.push((await postForm("/login", { email: `x${i}@nowhere.test` }, { "cf-connecting-ip": ip })).status);
    expect(fromIp.filter((s) => s === 200)).toHaveLength(30);
    expect(fromIp[30]).toBe(429);
  });

  it("rejects a badly formed email with an inline message", async () => {
    const res = await postForm("/login", { email: "not-an-email" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Enter a valid email address");
  });

  it("ends a session after 30 idle minutes and after 12 hours in all", async () => {
    const clinic = await makeClinic();
    const start = Date.now();
    const clock = fixedClock(start);
    const app = createApp({ clock });
    await app.request(`${BASE}/login`, form({ email: clinic.staff.owner.email }), env);
    const token = await latestLoginToken(clinic.staff.owner.email);
    const signedIn = await app.request(`${BASE}/login/verify`, form({ token }), env);
    const cookie = /rapport_session=([^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")?.[1];
    const get = () => app.request(`${BASE}/patients`, { headers: { cookie: `rapport_session=${cookie}` } }, env);

    // Active use keeps it alive past 30 minutes...
    for (let i = 0; i < 5; i++) {
      clock.advance(20 * MINUTE);
      expect((await get()).status).toBe(200);
    }
    // ...but 30 idle minutes end it.
    clock.advance(30 * MINUTE);
    const idle = await get();
    expect(idle.status).toBe(303);
    expect(idle.headers.get("location")).toBe("/login");

    // Absolute limit: 12 hours even with constant use.
    await app.request(`${BASE}/login`, form({ email: clinic.staff.admin.email }), env);
    const second = await app.request(`${BASE}/login/verify`, form({ token: await latestLoginToken(clinic.staff.admin.email) }), env);
    const adminCookie = /rapport_session=([^;]+)/.exec(second.headers.get("set-cookie") ?? "")?.[1];
    const signedInAt = clock.now();
    const statuses: number[] = [];
    while (clock.now() - signedInAt < 12 * 60 * MINUTE) {
      clock.advance(20 * MINUTE);
      statuses.push((await app.request(`${BASE}/patients`, { headers: { cookie: `rapport_session=${adminCookie}` } }, env)).status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(303);
  });

  it("logout ends the session", async () => {
    const clinic = await makeClinic();
    const browser = await signIn(clinic.staff.therapist.email);
    const out = await browser.post("/logout");
    expect(out.status).toBe(303);
    const after = await browser.get("/patients");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/login");
  });

  it("a deactivated staff member is signed out at once", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const therapist = await signIn(clinic.staff.therapist.email);
    expect((await therapist.get("/patients")).status).toBe(200);
    const res = await owner.post(`/settings/staff/${clinic.staff.therapist.id}`, { role: "therapist", active: "false" });
    expect(res.status).toBe(303);
    expect((await therapist.get("/patients")).status).toBe(303);
  });
});
