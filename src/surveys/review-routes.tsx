import { Hono } from "hono";
import { LinkInvalidPage } from "../../templates/portal/pages";
import type { AppEnv } from "../platform/env";
import { browserLanguage } from "../portal/links";
import { openReviewLink } from "./service";

/**
 * A promoter's review link (/p/r/{signed answer id}, mounted under the patient links): counts the open and
 * sends the patient on to the clinic's review page with a 302. No session is needed: the link itself is
 * the proof, and it leads only to a public page. A forged or stale link answers 404.
 */
export const reviewLinkRoutes = new Hono<AppEnv>();

reviewLinkRoutes.get("/:token", async (c) => {
  const target = await openReviewLink(c.get("deps"), c.req.param("token"));
  if (!target) return c.html(<LinkInvalidPage lang={browserLanguage(c.req.header("accept-language"))} />, 404);
  return c.redirect(target, 302);
});
