/**
 * The `ferry` command: `ferry demo`, `ferry lab`, `ferry schema`, `ferry review`.
 */
const USAGE = `usage: ferry <command> [options]

commands:
  demo                     run the main job on the embedded lab: plans, apply with progress, plan again
  review [--format markdown|text] [--fail-on-disruptive] FILE|-
                           the pull-request view of a plan (terraform show -json, terraform plan
                           -json, pulumi preview --json); exit 3 when blocked
  schema                   print the terraform provider schema (as "terraform providers schema -json")
  lab [--inventory FILE] [--json] [--port N]
                           start the lab simulators and print their endpoints and credentials
                           (runs until SIGINT/SIGTERM)
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "demo": {
      const { runDemo } = await import("./demo.ts");
      return runDemo(rest);
    }
    case "review": {
      const { runReview } = await import("./review/index.ts");
      return runReview(rest);
    }
    case "schema": {
      const { backends } = await import("../provider/index.ts");
      const { providersSchemaJson } = await import("../provider/terraform/schema.ts");
      process.stdout.write(`${JSON.stringify(providersSchemaJson(backends), null, 2)}\n`);
      return 0;
    }
    case "lab": {
      const { runLab } = await import("./lab.ts");
      return runLab(rest);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`ferry: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
