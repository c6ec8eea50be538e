/**
 * `ferry review [--format markdown|text] [--fail-on-disruptive] FILE|- …`: the pull-request view of
 * a plan, offline. Exit status: 0 clean, 1 bad input, 2 bad arguments, 3 blocked, 4 disruptive (only
 * with --fail-on-disruptive).
 */
import { readFileSync } from "node:fs";
import { combine, parseInput, ReviewInputError } from "./input.ts";
import { renderMarkdown, renderText, verdictOf } from "./render.ts";

export const EXIT = { clean: 0, badInput: 1, badArguments: 2, blocked: 3, disruptive: 4 } as const;

export const REVIEW_USAGE = `usage: ferry review [--format markdown|text] [--fail-on-disruptive] FILE|- [FILE …]

  FILE  terraform show -json plan.out, terraform plan -json (one message per line),
        or pulumi preview --json; "-" reads standard input. Several files are merged
        (a saved plan and the log of the same plan).

exit status: 0 clean, 1 bad input, 2 bad arguments, 3 blocked,
             4 disruptive (only with --fail-on-disruptive)
`;

export interface ReviewIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
  readFile: (path: string) => string;
}

const defaultIo: ReviewIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => readFileSync(0, "utf8"),
  readFile: (p) => readFileSync(p, "utf8"),
};

export function runReview(argv: string[], io: ReviewIo = defaultIo): number {
  let format: "markdown" | "text" = "markdown";
  let failOnDisruptive = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--help" || a === "-h") {
      io.stdout(REVIEW_USAGE);
      return EXIT.clean;
    }
    if (a === "--fail-on-disruptive") failOnDisruptive = true;
    else if (a === "--format" || a.startsWith("--format=")) {
      const value = a.includes("=") ? a.slice("--format=".length) : argv[++i];
      if (value !== "markdown" && value !== "text") {
        io.stderr(
          `ferry review: --format must be "markdown" or "text", got ${JSON.stringify(value ?? "")}\n`,
        );
        return EXIT.badArguments;
      }
      format = value;
    } else if (a.startsWith("-") && a !== "-") {
      io.stderr(`ferry review: unknown option ${a}\n\n${REVIEW_USAGE}`);
      return EXIT.badArguments;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.stderr(`ferry review: name a plan file, or "-" for standard input\n\n${REVIEW_USAGE}`);
    return EXIT.badArguments;
  }
  try {
    const reviews = files.map((f) => {
      let text: string;
      try {
        text = f === "-" ? io.readStdin() : io.readFile(f);
      } catch (e) {
        throw new ReviewInputError(`${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      return parseInput(text, f === "-" ? "standard input" : f);
    });
    const review = combine(reviews);
    if (review.ferry.length === 0)
      throw new ReviewInputError(
        `${files.join(", ")}: no ferry resource in this plan (${review.others} resource${review.others === 1 ? "" : "s"} of other providers change)`,
      );
    io.stdout(format === "text" ? renderText(review) : renderMarkdown(review));
    const v = verdictOf(review);
    if (v.blocked) return EXIT.blocked;
    if (failOnDisruptive && v.disruptive) return EXIT.disruptive;
    return EXIT.clean;
  } catch (e) {
    if (e instanceof ReviewInputError) {
      io.stderr(`ferry review: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.stderr(`ferry review: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.badInput;
  }
}
