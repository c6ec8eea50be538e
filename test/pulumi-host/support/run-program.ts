/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` (child process) and prints every resource
 * registration as one JSON line: {type, name, inputs}, and from the request itself the outputs it asks
 * the engine to keep secret and its deleteBeforeReplace option ({optionsOf, secrets, deleteBeforeReplace},
 * the latter absent when the program left it unset). The inputs are what the engine would send to
 * the provider host, `__provider` (the serialized provider) included; secrets stay wrapped.
 *
 * usage: run-ts.mjs run-program.ts PROGRAM.ts [--preview]   (the program reads FERRY_PROGRAM_ARGS)
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as pulumi from "@pulumi/pulumi";

const [program, ...flags] = process.argv.slice(2);
if (!program) throw new Error("usage: run-program.ts PROGRAM.ts [--preview]");
const preview = flags.includes("--preview");

pulumi.runtime.setMocks(
  {
    newResource(args) {
      process.stdout.write(`${JSON.stringify({ type: args.type, name: args.name, inputs: args.inputs })}\n`);
      // Preview: outputs are unknown (nothing is created). Up: the mock echoes the inputs.
      return { id: preview ? undefined : `${args.name}-id`, state: preview ? {} : args.inputs };
    },
    call(args) {
      return args.inputs;
    },
  },
  "ferryproj",
  "dev",
  preview,
);

// What the SDK asks of the engine besides the inputs (additionalSecretOutputs, deleteBeforeReplace) is in
// the registration request, which the mocks' newResource does not show: record it from the request.
const monitor = pulumi.runtime.getMonitor() as unknown as {
  registerResource(
    req: {
      getName(): string;
      getAdditionalsecretoutputsList(): string[];
      getDeletebeforereplace(): boolean;
      getDeletebeforereplacedefined(): boolean;
    },
    ...rest: unknown[]
  ): unknown;
};
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, ...rest) => {
  process.stdout.write(
    `${JSON.stringify({
      optionsOf: req.getName(),
      secrets: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
    })}\n`,
  );
  return register(req, ...rest);
};

const mod = (await import(pathToFileURL(resolve(program)).href)) as { done?: Promise<unknown> };
await mod.done;
