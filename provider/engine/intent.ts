/**
 * Intent that outlives the process. Some changes run through a window in which the API shows a state
 * that is not the one the user asked for — a VM stopped for a swap, a root detached before the new one
 * is attached. What ferry must do after that window ("start it again, it was Running", "the root it
 * replaced was X") cannot be read from the API once the window has begun, and a Ctrl-C, a SIGKILL or a
 * lost machine would lose it with the process.
 *
 * So a kind whose API can hold small key/value records on the object (CloudStack resource tags) writes
 * the intent there BEFORE the disruptive step, with an ordinary planned operation, reads it back on every
 * observation (the next run resolves its defaults from it, not from the state the window left), and
 * deletes it, again with a planned operation, once the change is complete. Both writes appear in the
 * plan like every other operation. Where an API cannot hold such a record, the kind says so in its plan
 * warnings and docs.
 *
 * Keys are `ferry.<type>.<name>`, e.g. `ferry.cloudstack_root_volume.restart`.
 */

export interface IntentRecord {
  /** The resource type whose intent this is. */
  type: string;
  /** name → value; only names the kind declares. */
  values: Record<string, string>;
}

export const INTENT_PREFIX = "ferry.";

export function intentKey(type: string, name: string): string {
  return `${INTENT_PREFIX}${type}.${name}`;
}

/** The intent of `type` among an object's key/value tags (empty when none is recorded). */
export function readIntent(
  type: string,
  tags: readonly { key: string; value: string }[] | undefined,
): Record<string, string> {
  const prefix = `${INTENT_PREFIX}${type}.`;
  const values: Record<string, string> = {};
  for (const t of tags ?? []) if (t.key.startsWith(prefix)) values[t.key.slice(prefix.length)] = t.value;
  return values;
}

export const hasIntent = (values: Record<string, string>): boolean => Object.keys(values).length > 0;

/** The tags an intent record is written as. */
export function intentTags(type: string, values: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(values).map(([name, value]) => ({ key: intentKey(type, name), value }));
}
