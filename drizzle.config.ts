import { defineConfig } from "drizzle-kit";

// Flat migration files (0000_name.sql) that wrangler and the Vitest helper both read.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/platform/schema.ts",
  out: "./migrations",
});
