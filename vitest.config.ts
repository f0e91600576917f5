import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Two projects: pure logic and repo checks run in Node; routes, D1, DOs, queues and cron run inside workerd.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    test: {
      projects: [
        {
          test: {
            name: "unit",
            include: ["test/unit/**/*.test.{ts,tsx}"],
            environment: "node",
          },
        },
        {
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
                  TEST_MIGRATIONS: migrations,
                },
              },
            }),
          ],
          test: {
            name: "integration",
            include: ["test/integration/**/*.test.{ts,tsx}"],
            setupFiles: ["./test/helpers/apply-migrations.ts"],
          },
        },
      ],
    },
  };
});
