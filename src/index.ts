import { createApp } from "./app";
import { runCron } from "./platform/cron";
import { makeDeps } from "./platform/deps";
import type { Bindings } from "./platform/env";
import { dispatchQueue } from "./platform/queues";

export { PatientJourney } from "./journey/journey-object";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runCron(controller.cron, makeDeps(env)));
  },
  async queue(batch, env) {
    await dispatchQueue(batch, makeDeps(env));
  },
} satisfies ExportedHandler<Bindings>;
