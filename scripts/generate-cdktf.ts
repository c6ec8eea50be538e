// Writes cdktf/generated/{cdktf,cdktn}/ from the provider schema (see cdktf/generate.ts).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GENERATED_DIR, generateCdkSources } from "../cdktf/generate.ts";
import { backends } from "../provider/index.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const files = await generateCdkSources(backends, root);
rmSync(resolve(root, GENERATED_DIR), { recursive: true, force: true });
for (const [path, text] of files) {
  mkdirSync(dirname(resolve(root, path)), { recursive: true });
  writeFileSync(resolve(root, path), text);
}
console.log(`wrote ${files.size} files under ${GENERATED_DIR}`);
