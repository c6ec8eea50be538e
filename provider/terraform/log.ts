/**
 * The terraform door's log sink: hclog-style JSON lines on stderr, which go-plugin re-logs at their
 * level (visible with TF_LOG / TF_LOG_PROVIDER). `@timestamp` is left out: go-plugin only accepts it
 * with exactly 6 fractional digits and stamps lines itself.
 */
import { type LogFields, Logger, type LogLevel, type LogSink } from "../engine/log.ts";

const TF_LEVELS: Record<string, LogLevel> = {
  TRACE: "trace",
  JSON: "trace",
  DEBUG: "debug",
  INFO: "info",
  WARN: "warn",
  ERROR: "error",
};

/** The level terraform asked for: TF_LOG_PROVIDER, then TF_LOG; unset or "OFF" → errors only. */
export function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env["TF_LOG_PROVIDER"] || env["TF_LOG"] || "").trim().toUpperCase();
  return TF_LEVELS[raw] ?? (raw === "" || raw === "OFF" ? "error" : "trace");
}

export function hclogLine(level: LogLevel, message: string, fields: LogFields, module = "ferry"): string {
  const entry: Record<string, unknown> = { "@level": level, "@message": message, "@module": module };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && !k.startsWith("@")) entry[k] = v;
  return `${JSON.stringify(entry)}\n`;
}

export class HclogSink implements LogSink {
  constructor(private readonly out: (line: string) => void = (l) => process.stderr.write(l)) {}
  write(level: LogLevel, message: string, fields: LogFields): void {
    this.out(hclogLine(level, message, fields));
  }
}

export function terraformLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return new Logger(new HclogSink(), levelFromEnv(env));
}
