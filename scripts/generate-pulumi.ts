// Writes pulumi/generated/*.ts from the kinds (see pulumi/generate.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatGenerated, generatePulumiSources } from "../pulumi/generate.ts";
import { backends } from "../provider/index.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
for (const [path, text] of generatePulumiSources(backends)) {
  mkdirSync(dirname(resolve(root, path)), { recursive: true });
  writeFileSync(resolve(root, path), formatGenerated(path, text, root));
  console.log(`wrote ${path}`);
}
