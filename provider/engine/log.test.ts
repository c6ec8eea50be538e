import { describe, expect, it } from "vitest";
import { LOG_LEVELS, type LogLevel, Logger, MemorySink, silentLogger } from "./log.ts";
import { redactor } from "./redact.ts";

// unique per run, so registering it in the process-wide redactor touches nothing else
const SECRET = `log-test-secret-${Math.random().toString(36).slice(2)}`;
redactor.addSecret(SECRET);

describe("Logger", () => {
  it("masks registered secrets in the message", () => {
    const sink = new MemorySink();
    new Logger(sink).info(`signing with ${SECRET}`);
    expect(sink.entries).toEqual([{ level: "info", message: "signing with ***", fields: {} }]);
  });

  it("masks registered secrets and secret parameters in string fields", () => {
    const sink = new MemorySink();
    new Logger(sink).warn("request failed", {
      body: `command=listVolumes&apikey=AK-123&other=${encodeURIComponent(SECRET)}`,
      header: `Bearer ${SECRET}`,
      attempt: 2,
      retried: true,
    });
    const entry = sink.entries[0];
    expect(entry?.fields).toEqual({
      body: "command=listVolumes&apikey=***&other=***",
      header: "Bearer ***",
      attempt: 2,
      retried: true,
    });
    expect(JSON.stringify(sink.entries)).not.toContain(SECRET);
  });

  it("masks secret parameters in the message", () => {
    const sink = new MemorySink();
    new Logger(sink, "trace").debug("POST /client/api?command=x&signature=abc123");
    expect(sink.entries[0]?.message).toBe("POST /client/api?command=x&signature=***");
  });

  it("drops undefined fields", () => {
    const sink = new MemorySink();
    new Logger(sink).info("m", { a: "1", b: undefined });
    expect(sink.entries[0]?.fields).toEqual({ a: "1" });
  });

  it("child loggers add (and mask) base fields; call fields win", () => {
    const sink = new MemorySink();
    const log = new Logger(sink, "info", { backend: "cloudstack" }).child({ resource: "vm", auth: SECRET });
    log.info("hello", { resource: "volume" });
    expect(sink.entries[0]?.fields).toEqual({ backend: "cloudstack", resource: "volume", auth: "***" });
  });

  const cases: [LogLevel, LogLevel[]][] = [
    ["trace", ["trace", "debug", "info", "warn", "error"]],
    ["debug", ["debug", "info", "warn", "error"]],
    ["info", ["info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["error", ["error"]],
  ];
  it.each(cases)("minimum level %s lets through %j", (min, expected) => {
    const sink = new MemorySink();
    const log = new Logger(sink, min);
    log.trace("t");
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    expect(sink.entries.map((e) => e.level)).toEqual(expected);
    for (const l of LOG_LEVELS) expect(log.enabled(l)).toBe(expected.includes(l));
  });

  it("defaults to info", () => {
    const sink = new MemorySink();
    const log = new Logger(sink);
    log.debug("hidden");
    log.info("shown");
    expect(sink.entries.map((e) => e.message)).toEqual(["shown"]);
  });

  it("a child keeps the parent's level", () => {
    const sink = new MemorySink();
    const child = new Logger(sink, "warn").child({ a: "1" });
    child.info("hidden");
    child.error("shown");
    expect(sink.entries.map((e) => e.message)).toEqual(["shown"]);
  });

  it("silentLogger only lets errors through (to a sink that drops them)", () => {
    expect(silentLogger.enabled("warn")).toBe(false);
    expect(silentLogger.enabled("error")).toBe(true);
    expect(() => silentLogger.error("dropped")).not.toThrow();
  });
});
