import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";

/** The workerd project shared by the test run and the benchmark run: same bindings, same migrations. */
export async function workersProject(name: string, include: string[], options: { exclude?: string[]; isolate?: boolean } = {}) {
  const migrations = await readD1Migrations("./migrations");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            APP_ENV: "test",
            DEV_SEED_TOKEN: "test-seed-token-0123456789",
            PUBLIC_URL: "",
            MESSAGING_PROVIDER: "outbox",
            TWILIO_ACCOUNT_SID: "",
            TWILIO_AUTH_TOKEN: "test-twilio-auth-token",
            TWILIO_FROM: "",
            EMAIL_API_URL: "",
            EMAIL_API_KEY: "",
            EMAIL_FROM: "",
            PORTAL_SESSION_SECRET: "test-portal-session-secret-0123456789abcdef",
            DEMO_EHR_SECRET: "whsec_dGVzdC1kZW1vLWVoci1zZWNyZXQtMDEyMzQ1Njc4OQ==",
            DEMO_API_KEY: "rk_demo_test_0123456789abcdef0123456789abcdef",
            TEST_MIGRATIONS: migrations,
          },
        },
      }),
    ],
    test: {
      name,
      include,
      exclude: options.exclude ?? [],
      // Reusing workers across files saves ~1.5 s per file; files that need an empty database opt out.
      isolate: options.isolate ?? true,
      setupFiles: ["./test/helpers/apply-migrations.ts"],
    },
  };
}
