import { FormError, Notice } from "../components/form";
import { Layout } from "../layout";

export function LoginPage(props: { email?: string; error?: string; sent?: boolean; rateLimited?: boolean }) {
  return (
    <Layout title="Sign in">
      <section class="narrow">
        <h1>Sign in to Rapport</h1>
        {props.sent && (
          <Notice>
            If that address belongs to a staff account, a sign-in link is on its way. It works once and expires in 15 minutes.
          </Notice>
        )}
        {props.rateLimited && <FormError message="Too many sign-in links were asked for. Wait a few minutes and try again." />}
        <form method="post" action="/login" novalidate>
          <div class={props.error ? "field invalid" : "field"}>
            <label for="f-email">Work email</label>
            <input
              id="f-email"
              name="email"
              type="email"
              autocomplete="email"
              required
              value={props.email ?? ""}
              aria-invalid={props.error ? "true" : undefined}
              aria-describedby={props.error ? "f-email-error" : undefined}
            />
            {props.error && (
              <small id="f-email-error" class="error">
                {props.error}
              </small>
            )}
          </div>
          <button type="submit">Email me a sign-in link</button>
        </form>
      </section>
    </Layout>
  );
}

/** The page a mailed link opens: nothing happens until the button is pressed (scanners prefetch links). */
export function VerifyPage(props: { token: string; usable: boolean }) {
  return (
    <Layout title="Sign in">
      <section class="narrow">
        <h1>Sign in to Rapport</h1>
        {props.usable ? (
          <form method="post" action="/login/verify">
            <input type="hidden" name="token" value={props.token} />
            <button type="submit">Sign in</button>
          </form>
        ) : (
          <>
            <FormError message="This sign-in link has expired or was already used." />
            <p>
              <a href="/login">Ask for a new link</a>
            </p>
          </>
        )}
      </section>
    </Layout>
  );
}
