import { defineConfig } from "vitest/config";
import { workersProject } from "./vitest.workers";

// Two projects: pure logic and repo checks run in Node; routes, D1, DOs, queues and cron run inside workerd.
export default defineConfig(async () => ({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.{ts,tsx}"], environment: "node" } },
      await workersProject("integration", ["test/integration/**/*.test.{ts,tsx}"]),
    ],
  },
}));
