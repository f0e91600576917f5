import { defineConfig } from "vitest/config";
import { workersProject } from "./vitest.workers";

// Two projects: pure logic and repo checks run in Node; routes, D1, DOs, queues and cron run inside workerd.
export default defineConfig(async () => ({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.{ts,tsx}"], environment: "node" } },
      // Test files share one database here: each builds its own clinic, so they never see each other's rows.
      await workersProject("integration", ["test/integration/**/*.test.{ts,tsx}"], {
        exclude: ["test/integration/demo/**"],
        isolate: false,
      }),
      // Seeding needs an empty database, so it gets fresh storage of its own.
      await workersProject("integration-seed", ["test/integration/demo/**/*.test.{ts,tsx}"]),
    ],
  },
}));
