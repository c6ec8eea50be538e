import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docsFiles } from "../../scripts/docs.ts";

const ROOT = join(import.meta.dirname, "..", "..");

describe("docs/", () => {
  it("the reference pages are generated from the current schema and examples (npm run docs)", () => {
    const stale = [...docsFiles()]
      .filter(
        ([path, content]) =>
          !existsSync(join(ROOT, path)) || readFileSync(join(ROOT, path), "utf8") !== content,
      )
      .map(([path]) => path);
    expect(stale).toEqual([]);
  });
});
