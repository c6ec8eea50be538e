/**
 * A tiny structured logger. The engine and the backends log through a `Logger`; each front door
 * supplies the sink (the terraform door writes hclog JSON lines to stderr, the Pulumi door writes
 * progress to the console). Every message and field passes through the redactor.
 */
import { redactor } from "./redact.ts";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";
export const LOG_LEVELS: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error"];

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface LogSink {
  write(level: LogLevel, message: string, fields: LogFields): void;
}

export class Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly minLevel: LogLevel = "info",
    private readonly base: LogFields = {},
  ) {}

  child(fields: LogFields): Logger {
    return new Logger(this.sink, this.minLevel, { ...this.base, ...fields });
  }

  enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(this.minLevel);
  }

  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return;
    const clean: LogFields = {};
    for (const [k, v] of Object.entries({ ...this.base, ...fields })) {
      if (v === undefined) continue;
      clean[k] = redactor.isSecretParam(k) ? "***" : typeof v === "string" ? redactor.redact(v) : v;
    }
    this.sink.write(level, redactor.redact(message), clean);
  }

  trace(m: string, f?: LogFields): void {
    this.log("trace", m, f);
  }
  debug(m: string, f?: LogFields): void {
    this.log("debug", m, f);
  }
  info(m: string, f?: LogFields): void {
    this.log("info", m, f);
  }
  warn(m: string, f?: LogFields): void {
    this.log("warn", m, f);
  }
  error(m: string, f?: LogFields): void {
    this.log("error", m, f);
  }
}

/** A logger that drops everything (tests, library use). */
export const silentLogger = new Logger({ write() {} }, "error");

/** A sink collecting entries in memory (tests). */
export class MemorySink implements LogSink {
  readonly entries: { level: LogLevel; message: string; fields: LogFields }[] = [];
  write(level: LogLevel, message: string, fields: LogFields): void {
    this.entries.push({ level, message, fields });
  }
}
