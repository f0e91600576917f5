import { raw } from "hono/html";
import type { Child } from "hono/jsx";

/** The portal's own light page shell: no navigation, no script, one small stylesheet. */
export function PortalLayout(props: { lang: "en" | "es"; title: string; children: Child }) {
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
