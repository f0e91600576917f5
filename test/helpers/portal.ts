import { eq } from "drizzle-orm";
import { patients } from "../../src/platform/schema";
import { createPatientLink } from "../../src/portal/links";
import { testDeps } from "./deps";
import { db } from "./factories";
import { fetchApp } from "./http";

/** A patient's phone browser: keeps the portal and device cookies, and sends the page's CSRF field on posts. */
export interface PortalBrowser {
  csrf: string;
  cookies: Map<string, string>;
  get(path: string): Promise<Response>;
  post(path: string, form?: Record<string, string>): Promise<Response>;
}

function remember(cookies: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const m = /^([^=]+)=([^;]*)/.exec(line);
    if (!m?.[1]) continue;
    if (m[2] === "" || /max-age=0/i.test(line)) cookies.delete(m[1]);
    else cookies.set(m[1], m[2] ?? "");
  }
}

/**
 * Opens a patient's portal through the real flow: a link (as in a message), the POST exchange, and, unless
 * `stepUp: false`, the date-of-birth check
 * (the patient's own date of birth unless `dateOfBirth` is given). The token never appears in the returned browser.
 */
export async function openPortal(input: {
  clinicId: string;
  patientId: string;
  dateOfBirth?: string;
  stepUp?: boolean;
}): Promise<PortalBrowser> {
  const { deps } = testDeps(Date.now());
  const token = await createPatientLink(deps, { clinicId: input.clinicId, patientId: input.patientId, purpose: "reminder" });
  const cookies = new Map<string, string>();
  const headers = (extra: Record<string, string> = {}) => ({
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    "sec-fetch-site": "same-origin",
    ...extra,
  });
  const browser: PortalBrowser = {
    csrf: "",
    cookies,
    async get(path) {
      const res = await fetchApp(path, { headers: headers() });
      remember(cookies, res);
      return res;
    },
    async post(path, form = {}) {
      const res = await fetchApp(path, {
        method: "POST",
        headers: headers({ "content-type": "application/x-www-form-urlencoded" }),
        body: new URLSearchParams({ _csrf: browser.csrf, ...form }).toString(),
      });
      remember(cookies, res);
      return res;
    },
  };
  const opened = await fetchApp(`/p/${token}`, { method: "POST", headers: headers() });
  remember(cookies, opened);
  if (opened.status !== 303) throw new Error(`link exchange answered ${opened.status}`);
  const home = await browser.get("/portal");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1];
  if (!csrf) throw new Error("no CSRF field on the portal home page");
  browser.csrf = csrf;
  if (input.stepUp !== false) {
    const patient = await db().select().from(patients).where(eq(patients.id, input.patientId)).get();
    const dateOfBirth = input.dateOfBirth ?? patient?.dateOfBirth ?? "";
    const checked = await browser.post("/portal/verify", { method: "date_of_birth", dateOfBirth, next: "/portal" });
    if (checked.status !== 303 || !cookies.has("rapport_device")) throw new Error(`step-up answered ${checked.status}`);
  }
  return browser;
}
