import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { type PortalKey, type PortalLanguage, t } from "./strings";

/** The portal's own light page shell: no script, one small stylesheet, nothing from a third party. */
export function PortalLayout(props: { lang: PortalLanguage; title: string; children: Child }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{props.title}</title>
          <link rel="stylesheet" href="/css/portal.css" />
        </head>
        <body>
          <main id="main">{props.children}</main>
        </body>
      </html>
    </>
  );
}

export type PortalSection = "home" | "exercises" | "check-in" | "progress" | "questionnaires" | "learn" | "messages" | "preferences";

const sections: { id: PortalSection; href: string; label: PortalKey }[] = [
  { id: "home", href: "/portal", label: "navHome" },
  { id: "exercises", href: "/portal/exercises", label: "navExercises" },
  { id: "check-in", href: "/portal/check-in", label: "navCheckIn" },
  { id: "progress", href: "/portal/progress", label: "navProgress" },
  { id: "questionnaires", href: "/portal/questionnaires", label: "navQuestionnaires" },
  { id: "learn", href: "/portal/learn", label: "navLearn" },
  { id: "messages", href: "/portal/messages", label: "navMessages" },
  { id: "preferences", href: "/portal/preferences", label: "navPreferences" },
];

/**
 * A signed-in portal page: the clinic's name, the section links, the page, and "close my page".
 * Every portal page after the link exchange uses this, so navigation is the same everywhere.
 */
export function PortalPage(props: {
  lang: PortalLanguage;
  title: string;
  clinicName: string;
  csrf: string;
  /** The current section; none for pages outside the navigation (the step-up check). */
  section?: PortalSection;
  children: Child;
}) {
  const { lang } = props;
  return (
    <PortalLayout lang={lang} title={`${props.title} · ${props.clinicName}`}>
      <p class="clinic">{props.clinicName}</p>
      <nav aria-label={t(lang, "navLabel")} class="portal-nav">
        <ul>
          {sections.map((s) => (
            <li>
              <a href={s.href} aria-current={s.id === props.section ? "page" : undefined}>
                {t(lang, s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
      <form method="post" action="/portal/logout" class="sign-out">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="link">
          {t(lang, "signOut")}
        </button>
      </form>
    </PortalLayout>
  );
}
