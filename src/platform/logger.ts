/**
 * Structured logger that can only write allow-listed fields, so patient data
 * (names, phones, bodies, query strings) never reaches the logs whatever a caller passes.
 */
const allowed = new Set([
  "requestId",
  "method",
  "route",
  "status",
  "durationMs",
  "clinicId",
  "actorId",
  "patientId",
  "queue",
  "messageId",
  "job",
  "cron",
  "count",
  "error",
  "code",
  "reason",
]);

export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

export function redact(fields: LogFields): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!allowed.has(key)) continue;
    if (value === null || typeof value === "number" || typeof value === "boolean") out[key] = value;
    // Strings are clipped: ids and codes are short, anything long is not for the log.
    else if (typeof value === "string") out[key] = value.slice(0, 120);
    else if (value instanceof Error) out[key] = value.name;
  }
  return out;
}

export function createLogger(sink: LogSink = (line) => console.log(line)) {
  const write = (level: string, event: string, fields: LogFields = {}) => sink(JSON.stringify({ level, event, ...redact(fields) }));
  return {
    info: (event: string, fields?: LogFields) => write("info", event, fields),
    warn: (event: string, fields?: LogFields) => write("warn", event, fields),
    error: (event: string, fields?: LogFields) => write("error", event, fields),
  };
}

export type Logger = ReturnType<typeof createLogger>;
export const logger = createLogger();
