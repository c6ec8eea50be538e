// Every command the lab answers, found by name case-insensitively (CloudStack matches command names that way).
import type { CommandDefinition } from "./command.ts";
import { jobCommands } from "./job-commands.ts";
import { listCommands } from "./list-commands.ts";
import { tagCommands } from "./tag-commands.ts";

const byLowerName = new Map<string, CommandDefinition>(
  [...listCommands, ...jobCommands, ...tagCommands].map((command) => [command.name.toLowerCase(), command]),
);

export function findCommand(name: string): CommandDefinition | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** Canonical names of all supported commands. */
export const COMMAND_NAMES: readonly string[] = [...byLowerName.values()].map((c) => c.name);
