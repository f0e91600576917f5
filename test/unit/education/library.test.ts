import { describe, expect, it } from "vitest";
import { ARTICLES, articlesFor, findArticle, weekOfCare } from "../../../src/education/library";
import { bodyRegions } from "../../../src/episodes/tables";

const words = (paragraphs: readonly string[]) => paragraphs.join(" ").split(/\s+/).filter(Boolean).length;
const slugs = (list: { slug: string }[]) => list.map((a) => a.slug);

describe("the article library", () => {
  it("has 16 to 24 articles with unique URL-safe slugs", () => {
    expect(ARTICLES.length).toBeGreaterThanOrEqual(16);
    expect(ARTICLES.length).toBeLessThanOrEqual(24);
    expect(new Set(slugs([...ARTICLES])).size).toBe(ARTICLES.length);
    for (const a of ARTICLES) expect(a.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("every article is 80 to 200 words in English and in Spanish, with a title and summary in both", () => {
    for (const a of ARTICLES) {
      for (const lang of ["en", "es"] as const) {
        const n = words(a[lang].body);
        expect(`${a.slug}/${lang}: ${n >= 80 && n <= 200}`).toBe(`${a.slug}/${lang}: true`);
        expect(a[lang].title.length).toBeGreaterThan(5);
        expect(a[lang].summary.length).toBeGreaterThan(10);
      }
      // The Spanish is a translation, not a copy.
      expect(a.es.title).not.toBe(a.en.title);
      expect(a.es.body.length).toBe(a.en.body.length);
    }
  });

  it("uses only real body regions and sane week ranges", () => {
    for (const a of ARTICLES) {
      expect(a.regions.length).toBeGreaterThan(0);
      for (const r of a.regions) expect(r === "any" || (bodyRegions as readonly string[]).includes(r)).toBe(true);
      expect(a.weeks.from).toBeGreaterThanOrEqual(1);
      if (a.weeks.to !== null) expect(a.weeks.to).toBeGreaterThanOrEqual(a.weeks.from);
    }
  });

  it("every specific region has at least one article of its own", () => {
    for (const r of bodyRegions.filter((r) => r !== "other")) {
      expect(`${r}: ${ARTICLES.some((a) => a.regions.includes(r))}`).toBe(`${r}: true`);
    }
  });

  it("findArticle knows every slug and nothing else", () => {
    expect(findArticle("ice-or-heat")?.en.title).toBe("Ice or heat?");
    expect(findArticle("nope")).toBeUndefined();
    expect(findArticle("constructor")).toBeUndefined();
  });
});

describe("weekOfCare", () => {
  it("is 1 for the first seven days, then counts up; never below 1", () => {
    expect(weekOfCare("2026-11-02", "2026-11-02")).toBe(1);
    expect(weekOfCare("2026-11-02", "2026-11-08")).toBe(1);
    expect(weekOfCare("2026-11-02", "2026-11-09")).toBe(2);
    expect(weekOfCare("2026-11-02", "2026-12-30")).toBe(9);
    expect(weekOfCare("2026-11-10", "2026-11-02")).toBe(1); // an episode that starts next week
  });
});

describe("articlesFor", () => {
  it("gives a knee patient in week 1 the knee articles first, then the general ones for the start", () => {
    const list = slugs(articlesFor("knee", 1));
    expect(list.slice(0, 2)).toEqual(["stairs-and-chairs", "leg-swelling"]);
    expect(list).toContain("what-to-expect");
    expect(list).toContain("hurt-versus-harm");
    expect(list).not.toContain("moving-with-a-sore-back"); // another region
    expect(list).not.toContain("pacing"); // from week 2
    expect(list).not.toContain("staying-active"); // from week 8
  });

  it("moves on with the weeks", () => {
    const week10 = slugs(articlesFor("knee", 10));
    expect(week10).toEqual(["leg-strength", "flare-up-plan", "stress-and-pain", "back-to-activity", "finishing-therapy", "staying-active"]);
    expect(slugs(articlesFor("shoulder", 40))).toEqual(["staying-active"]);
  });

  it("region 'other' gets only the general articles; each region gets its own", () => {
    expect(articlesFor("other", 2).every((a) => a.regions.includes("any"))).toBe(true);
    expect(slugs(articlesFor("shoulder", 2))[0]).toBe("sleeping-with-a-sore-shoulder");
    expect(slugs(articlesFor("neck", 2))[0]).toBe("neck-desk-and-phone");
    expect(slugs(articlesFor("low_back", 2)).slice(0, 2)).toEqual(["moving-with-a-sore-back", "sleep-positions-back-hip"]);
  });

  it("a week below 1 or fractional is read as the week it is in", () => {
    expect(articlesFor("hip", 0)).toEqual(articlesFor("hip", 1));
    expect(articlesFor("hip", 2.6)).toEqual(articlesFor("hip", 2));
  });

  it("without an episode: every general article, no region-specific one", () => {
    const all = articlesFor(null, null);
    expect(all.length).toBe(ARTICLES.filter((a) => a.regions.includes("any")).length);
    expect(all.every((a) => a.regions.includes("any"))).toBe(true);
  });
});
