import { PortalPage } from "./layout";
import { type PortalLanguage, t } from "./strings";

export interface ArticleLink {
  slug: string;
  title: string;
  summary: string;
}

interface Shell {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
}

/** The articles that fit this week of care first, then the rest of the library by title. */
export function LearnPage(v: Shell & { week: number | null; forYou: ArticleLink[]; others: ArticleLink[] }) {
  const { lang } = v;
  return (
    <PortalPage lang={lang} title={t(lang, "learnTitle")} clinicName={v.clinicName} csrf={v.csrf} section="learn">
      <h1>{t(lang, "learnTitle")}</h1>
      <p>{v.week === null ? t(lang, "learnIntroGeneral") : t(lang, "learnIntro", { week: String(v.week) })}</p>
      <section aria-labelledby="for-you-h">
        <h2 id="for-you-h">{t(lang, "learnForYou")}</h2>
        <ul class="articles">
          {v.forYou.map((a) => (
            <li class="card">
              <a href={`/portal/learn/${a.slug}`}>{a.title}</a>
              <p class="hint">{a.summary}</p>
            </li>
          ))}
        </ul>
      </section>
      {v.others.length > 0 && (
        <section aria-labelledby="all-h">
          <h2 id="all-h">{t(lang, "learnAll")}</h2>
          <ul class="article-index">
            {v.others.map((a) => (
              <li>
                <a href={`/portal/learn/${a.slug}`}>{a.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PortalPage>
  );
}

export function ArticlePage(v: Shell & { title: string; body: readonly string[] }) {
  const { lang } = v;
  return (
    <PortalPage lang={lang} title={v.title} clinicName={v.clinicName} csrf={v.csrf} section="learn">
      <article>
        <h1>{v.title}</h1>
        {v.body.map((p) => (
          <p>{p}</p>
        ))}
      </article>
      <p class="hint">{t(lang, "learnDisclaimer")}</p>
      <p>
        <a href="/portal/learn">{t(lang, "learnBack")}</a>
      </p>
    </PortalPage>
  );
}

export function ArticleNotFoundPage(v: Shell) {
  return (
    <PortalPage lang={v.lang} title={t(v.lang, "learnNotFound")} clinicName={v.clinicName} csrf={v.csrf} section="learn">
      <h1>{t(v.lang, "learnNotFound")}</h1>
      <p>
        <a href="/portal/learn">{t(v.lang, "learnBack")}</a>
      </p>
    </PortalPage>
  );
}
