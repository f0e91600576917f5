import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { patients } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, env, fetchApp, signIn } from "../../helpers/http";

describe("security baseline", () => {
  it("sends a strict CSP, secure headers, a request id and no-store on every page", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    for (const res of [await fetchApp("/login"), await owner.get("/patients"), await fetchApp("/nowhere")]) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
  });

  it("pages carry no inline script and configure htmx with eval off", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const html = await (await owner.get("/patients")).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/vendor\/htmx\.min\.js"/);
      expect(body?.trim()).toBe("");
    }
    expect(html).toMatch(/name="htmx-config" content="[^"]*&quot;allowEval&quot;:false/);
    expect(html).not.toMatch(/\son[a-z]+="/); // no inline event handlers
  });

  it("refuses a state-changing request without the session's CSRF token, and writes nothing", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const body = { givenName: "Csrf", familyName: "Victim", dateOfBirth: "1990-01-01", sex: "female", preferredLanguage: "en" };
    const noToken = await owner.post("/patients", { ...body, _csrf: "" });
    expect(noToken.status).toBe(403);
    const wrongToken = await owner.post("/patients", { ...body, _csrf: "x".repeat(32) });
    expect(wrongToken.status).toBe(403);
    // htmx requests carry the token in a header; a wrong one is refused the same way.
    const htmx = await owner.post("/patients", { ...body, _csrf: "" }, { headers: { "hx-request": "true", "x-csrf-token": "nope" } });
    expect(htmx.status).toBe(403);
    const crossSite = await owner.post("/patients", body, { headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    const fetchSite = await owner.post("/patients", body, { headers: { "sec-fetch-site": "cross-site" } });
    expect(fetchSite.status).toBe(403);
    const written = await db().select().from(patients).where(eq(patients.familyName, "Victim")).all();
    expect(written).toHaveLength(0);
    // The same request with the token goes through.
    expect((await owner.post("/patients", body)).status).toBe(303);
  });

  it("refuses a cross-site sign-in link request", async () => {
    const res = await fetchApp("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: "email=someone%40clinic.test",
    });
    expect(res.status).toBe(403);
  });

  it("answers a patient-data JSON error as problem+json", async () => {
    const res = await fetchApp("/dev/outbox.json");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 404, title: "Not found" });
  });

  it("shows a generic 500 with the request id and logs no request data", async () => {
    const lines: string[] = [];
    const { createLogger } = await import("../../../src/platform/logger");
    const app = createApp({ logger: createLogger((l) => lines.push(l)) });
    app.get("/boom", () => {
      throw new Error("Ana Example 1980-03-07 +16175550111");
    });
    const res = await app.request(`${BASE}/boom?name=Ana`, {}, env);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain(res.headers.get("x-request-id") ?? "missing");
    const logged = lines.join("\n");
    expect(logged).toContain('"event":"unhandled"');
    expect(logged).not.toContain("Ana");
    expect(logged).not.toContain("1980");
    expect(logged).not.toContain("555");
  });
});

describe("patient form validation", () => {
  it("refuses a bad phone, an impossible birth date and a missing name beside each field, writing nothing", async () => {
    const clinic = await makeClinic();
    const frontDesk = await signIn(clinic.staff.front_desk.email);
    const res = await frontDesk.post("/patients", {
      givenName: "",
      familyName: "Nobody",
      dateOfBirth: "2021-02-30",
      sex: "female",
      phone: "12",
      preferredLanguage: "en",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="f-givenName-error"');
    expect(html).toContain("Enter the first name");
    expect(html).toContain('id="f-phone-error"');
    expect(html).toContain("Enter a valid phone number");
    expect(html).toContain('id="f-dateOfBirth-error"');
    expect(html).toContain("That date does not exist");
    expect(html).toContain('value="Nobody"'); // what was typed is kept
    const rows = await db().select().from(patients).where(eq(patients.clinicId, clinic.id)).all();
    expect(rows).toHaveLength(0);
  });

  it("refuses a birth date in the future on edit and leaves the record unchanged", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id, { givenName: "Keep", familyName: "Me" });
    const frontDesk = await signIn(clinic.staff.front_desk.email);
    const res = await frontDesk.post(`/patients/${patient.id}`, {
      givenName: "Changed",
      familyName: "Me",
      dateOfBirth: "2999-01-01",
      sex: "female",
      preferredLanguage: "en",
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("A birth date cannot be in the future");
    const row = await db().select().from(patients).where(eq(patients.id, patient.id)).get();
    expect(row?.givenName).toBe("Keep");
  });
});

describe("link landings", () => {
  it("send Referrer-Policy: no-referrer, so the token never leaks to another site", async () => {
    const res = await fetchApp(`/login/verify?token=${"A".repeat(43)}`);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    // Other pages keep the default.
    expect((await fetchApp("/login")).headers.get("referrer-policy")).toBe("same-origin");
  });
});

describe("CSRF and link landings", () => {
  it("a same-origin form post from a no-referrer page (Origin: null) is accepted; a cross-site one is not", async () => {
    const ok = await fetchApp("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "null", "sec-fetch-site": "same-origin" },
      body: "email=someone%40clinic.test",
    });
    expect(ok.status).toBe(200);
    const nullWithoutFetchMetadata = await fetchApp("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "null" },
      body: "email=someone%40clinic.test",
    });
    expect(nullWithoutFetchMetadata.status).toBe(403);
    const crossSite = await fetchApp("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "null", "sec-fetch-site": "cross-site" },
      body: "email=someone%40clinic.test",
    });
    expect(crossSite.status).toBe(403);
  });
});
