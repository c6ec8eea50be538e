import { describe, expect, it } from "vitest";
import { durationSchema, formatDuration, parseDuration } from "./duration.ts";

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["20m", 1_200_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["1m30s", 90_000],
    ["2h45m30s", 9_930_000],
    ["1.5h", 5_400_000],
    ["0.5s", 500],
    ["1s500ms", 1500],
    ["0s", 0],
  ])("%s → %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["5 minutes", "-1m", "", "10", "1d", "m", "1h 30m", " 90s", "90s ", "1H", "abc", "1.h"])(
    "%j → undefined",
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe("durationSchema", () => {
  it.each(["90s", "20m", "1h30m", "500ms"])("accepts %s", (text) => {
    expect(durationSchema.safeParse(text).success).toBe(true);
  });

  it.each(["0s", "0m", "-1m", "5 minutes", ""])("rejects %j with a message naming the format", (text) => {
    const r = durationSchema.safeParse(text);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/"90s", "20m" or "1h30m"/);
  });

  it("rejects non-strings", () => {
    expect(durationSchema.safeParse(90).success).toBe(false);
  });
});

describe("formatDuration", () => {
  it.each([
    [3_600_000, "1h"],
    [7_200_000, "2h"],
    [1_200_000, "20m"],
    [5_400_000, "90m"],
    [90_000, "90s"],
    [1_000, "1s"],
    [1_500, "1500ms"],
  ])("%i ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([500, 1000, 90_000, 1_500, 1_200_000, 5_400_000, 86_400_000])("round-trips %i ms", (ms) => {
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
