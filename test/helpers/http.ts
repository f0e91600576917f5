import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { desc, eq } from "drizzle-orm";
import { outboxMessages } from "../../src/platform/schema";
import { db } from "./factories";

export const BASE = "http://localhost:8787";

/** A signed-in browser: keeps the session cookie and sends the CSRF token as a form field would. */
export interface Browser {
  cookie: string;
  csrf: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, form?: Record<string, string>, init?: RequestInit): Promise<Response>;
}

export function fetchApp(path: string, init: RequestInit = {}) {
  return exports.default.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init }));
}

export function postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetchApp(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

/** The token from the newest sign-in email to this address, read from the local outbox. */
export async function latestLoginToken(email: string): Promise<string> {
  const row = await db()
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.to, email))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .get();
  const match = row && /token=([A-Za-z0-9_-]+)/.exec(row.body);
  if (!match?.[1]) throw new Error(`no sign-in email for ${email}`);
  return match[1];
}

/** Signs in through the real flow: ask for a link, read the outbox, press "Sign in". */
export async function signIn(email: string, ip = randomIp()): Promise<Browser> {
  const asked = await postForm("/login", { email }, { "cf-connecting-ip": ip });
  if (asked.status !== 200) throw new Error(`link request answered ${asked.status}`);
  const token = await latestLoginToken(email);
  const res = await postForm("/login/verify", { token });
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = /rapport_session=([^;]+)/.exec(setCookie)?.[1];
  if (res.status !== 303 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  const page = await fetchApp("/patients", { headers: { cookie: `rapport_session=${cookie}` } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("no CSRF token on the patients page");
  const headers = (extra?: HeadersInit) => ({ cookie: `rapport_session=${cookie}`, ...(extra as Record<string, string>) });
  return {
    cookie,
    csrf,
    get: (path, init = {}) => fetchApp(path, { ...init, headers: headers(init.headers) }),
    post: (path, form = {}, init = {}) =>
      fetchApp(path, {
        method: "POST",
        ...init,
        headers: headers({
          "content-type": "application/x-www-form-urlencoded",
          origin: BASE,
          ...(init.headers as Record<string, string>),
        }),
        body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
      }),
  };
}

export { env };

/** Each sign-in from its own documentation-range address, so per-IP limits do not couple tests. */
export function randomIp(): string {
  const n = crypto.getRandomValues(new Uint8Array(2));
  return `198.51.${n[0]}.${n[1]}`;
}
