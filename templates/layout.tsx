import { raw } from "hono/html";
import type { Child } from "hono/jsx";

export interface LayoutProps {
  title: string;
  /** Signed-in staff member, or undefined on public pages. */
  staff?: { name: string; role: string; csrfToken: string; canManage: boolean };
  active?: "today" | "schedule" | "patients" | "inbox" | "worklist" | "referrals" | "analytics" | "settings";
  children: Child;
}

// htmx reads its config from this meta tag: no eval, no inline indicator styles (CSP), same-origin only.
const htmxConfig = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  // Swap 409/422 answers too, so a refused row action or form shows its message in place.
  responseHandling: [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409|422", swap: true },
    { code: "[45]..", swap: false, error: true },
    { code: "...", swap: false },
  ],
});

export function Layout({ title, staff, active, children }: LayoutProps) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="htmx-config" content={htmxConfig} />
          <title>{`${title} · Rapport`}</title>
          <link rel="stylesheet" href="/css/app.css" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <script src="/vendor/htmx.min.js" defer />
        </head>
        <body hx-headers={staff ? JSON.stringify({ "X-CSRF-Token": staff.csrfToken }) : undefined}>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="top">
            <a class="brand" href="/">
              Rapport
            </a>
            {staff && (
              <nav aria-label="Main">
                {(
                  [
                    ["today", "/", "Today"],
                    ["schedule", "/schedule", "Schedule"],
                    ["patients", "/patients", "Patients"],
                    ["inbox", "/inbox", "Inbox"],
                    ["worklist", "/worklist", "Worklist"],
                    ["referrals", "/referrals", "Referrals"],
                  ] as const
                ).map(([key, href, text]) => (
                  <a href={href} aria-current={active === key ? "page" : undefined}>
                    {text}
                  </a>
                ))}
                {staff.canManage && (
                  <a href="/analytics" aria-current={active === "analytics" ? "page" : undefined}>
                    Analytics
                  </a>
                )}
                {staff.canManage && (
                  <a href="/settings" aria-current={active === "settings" ? "page" : undefined}>
                    Settings
                  </a>
                )}
              </nav>
            )}
            {staff && (
              <form method="post" action="/logout" class="signout">
                <input type="hidden" name="_csrf" value={staff.csrfToken} />
                <span class="who">{staff.name}</span>
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            )}
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <div id="loading" class="htmx-indicator" role="status" aria-live="polite">
            Loading…
          </div>
        </body>
      </html>
    </>
  );
}
