import { defineConfig } from "vitest/config";
import { workersProject } from "./vitest.workers";

// `npm run bench`: measurements inside workerd that print numbers; they assert nothing about speed.
export default defineConfig(async () => ({
  test: {
    projects: [await workersProject("bench", ["test/bench/**/*.bench.ts"])],
    testTimeout: 600_000,
  },
}));
