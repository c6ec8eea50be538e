/**
 * Build-time: the .proto files of the terraform door → provider/terraform/descriptor.gen.ts, a
 * protobufjs JSON descriptor the provider loads with `fromJSON` (no .proto parsing at run time).
 * `node bin/run-ts.mjs scripts/protocol-descriptor.ts` writes it; with `--check` it only verifies that
 * the committed file is current (a test does the same).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const DOOR = join(dirname(fileURLToPath(import.meta.url)), "..", "provider", "terraform");
export const PROTO_FILES = ["tfplugin6.proto", "plugin.proto", "health.proto"];
export const DESCRIPTOR_FILE = join(DOOR, "descriptor.gen.ts");

export function descriptorSource(): string {
  const root = new protobuf.Root();
  root.loadSync(
    PROTO_FILES.map((f) => join(DOOR, f)),
    { keepCase: true },
  );
  const json = JSON.stringify(root.toJSON({ keepComments: false }), null, 2);
  return `// Generated from ${PROTO_FILES.join(", ")} by scripts/protocol-descriptor.ts. Do not edit.\nexport const descriptor = ${json} as const;\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = descriptorSource();
  if (process.argv.includes("--check")) {
    const current = readFileSync(DESCRIPTOR_FILE, "utf8");
    if (current !== source) {
      console.error("provider/terraform/descriptor.gen.ts is out of date: run npm run build");
      process.exit(1);
    }
  } else writeFileSync(DESCRIPTOR_FILE, source);
}
