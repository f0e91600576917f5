import type { BodyRegion } from "../episodes/tables";
import { daysBetween } from "../platform/time";
import { firstWeeks } from "./articles/first-weeks";
import { laterWeeks } from "./articles/later-weeks";
import { lowerBody } from "./articles/lower-body";
import { upperBody } from "./articles/upper-body";

/**
 * Pure: the clinic's library of short patient articles, in English and Spanish. General,
 * safe advice in plain language (no diagnosis); each says when to call. Content lives in ./articles/.
 */

export interface ArticleText {
  title: string;
  /** One line for the list. */
  summary: string;
  /** Paragraphs, plain text. */
  body: readonly string[];
}

export interface Article {
  /** Stable, URL-safe, no patient meaning: /portal/learn/<slug>. */
  slug: string;
  /** Episode body regions it is written for, or "any". */
  regions: readonly (BodyRegion | "any")[];
  /** Weeks of care it fits, from week 1; `to` null: open-ended. */
  weeks: { from: number; to: number | null };
  en: ArticleText;
  es: ArticleText;
}

export const ARTICLES: readonly Article[] = [...firstWeeks, ...laterWeeks, ...upperBody, ...lowerBody];

const bySlug = new Map(ARTICLES.map((a) => [a.slug, a]));

export function findArticle(slug: string): Article | undefined {
  return bySlug.get(slug);
}

/** Week 1 is the episode's first seven days (dates are the clinic's local calendar dates). */
export function weekOfCare(startDate: string, today: string): number {
  return Math.max(1, Math.floor(daysBetween(startDate, today) / 7) + 1);
}

/**
 * What fits now: articles for this body region or any region whose week range covers this week;
 * the ones written for the region first, then in library order (roughly the order of care).
 * Without an episode (region and week null) only the general articles, whatever the week.
 */
export function articlesFor(region: BodyRegion | null, weekOfCare: number | null): Article[] {
  const week = weekOfCare === null ? null : Math.max(1, Math.floor(weekOfCare));
  const specific = (a: Article) => region !== null && a.regions.includes(region);
  return ARTICLES.filter((a) => a.regions.includes("any") || specific(a))
    .filter((a) => week === null || (a.weeks.from <= week && (a.weeks.to === null || week <= a.weeks.to)))
    .map((a, i) => ({ a, i, rank: specific(a) ? 0 : 1 }))
    .sort((x, y) => x.rank - y.rank || x.i - y.i)
    .map((x) => x.a);
}
