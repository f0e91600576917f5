import { type FhirJson, instant } from "./common";

export interface Page {
  /** Resources to skip (the `_offset` parameter). */
  offset: number;
  /** Page size (the `_count` parameter). */
  count: number;
}

export interface SearchsetInput {
  /** The server's FHIR base, e.g. "https://clinic.example/fhir/R4": entries' fullUrl hang off it. */
  base: string;
  /** The search URL as received (its own parameters are kept; paging ones are rewritten). */
  searchUrl: string;
  resources: FhirJson[];
  total: number;
  page: Page;
  now: number;
}

/**
 * A searchset Bundle with the total, each entry's fullUrl and search mode, and self / next / previous
 * links that repeat the search with `_count` and `_offset` set (offset paging: every page is
 * addressable, and `total` is exact).
 */
export function searchsetBundle(input: SearchsetInput): FhirJson {
  const { page, total } = input;
  const link = [{ relation: "self", url: pageUrl(input.searchUrl, page) }];
  if (page.offset + page.count < total)
    link.push({ relation: "next", url: pageUrl(input.searchUrl, { ...page, offset: page.offset + page.count }) });
  if (page.offset > 0) {
    link.push({ relation: "previous", url: pageUrl(input.searchUrl, { ...page, offset: Math.max(0, page.offset - page.count) }) });
  }
  const bundle: FhirJson = {
    resourceType: "Bundle",
    type: "searchset",
    meta: { lastUpdated: instant(input.now) },
    total,
    link,
  };
  if (input.resources.length > 0) {
    bundle.entry = input.resources.map((resource) => ({
      fullUrl: `${input.base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: "match" },
    }));
  }
  return bundle;
}

/** The search URL with this page's `_count` and `_offset` (replacing any the caller sent). */
export function pageUrl(searchUrl: string, page: Page): string {
  const url = new URL(searchUrl);
  url.searchParams.delete("_count");
  url.searchParams.delete("_offset");
  url.searchParams.set("_count", String(page.count));
  if (page.offset > 0) url.searchParams.set("_offset", String(page.offset));
  return url.toString();
}
