/**
 * What the serialized provider does, inside Pulumi's dynamic-provider host. Everything is derived from
 * the backends and their kinds: attribute names (camelCase here, snake_case in the engine), which
 * attributes force replacement, which settings exist and where they come from. Nothing here knows a
 * backend or a kind by name.
 *
 *   configure → settings from the stack config (`ferry:<backend><Setting>`), env fallbacks as elsewhere
 *   check     → failures per property; the preview's unknown sentinel is not an error
 *   diff      → changes and replaces from the kind, and the planned operations printed for preview
 *   create / update → converge, progress printed to the console (what `pulumi up` shows)
 *   read      → observe: outputs and the operations an `up` would run now (drift); a resource whose
 *               object is gone is dropped from state
 *   delete    → the kind's destroy plan
 */
// First: zod's configuration holds for the schemas the modules below build.
import "./zod-config.ts";
import * as z from "zod";
import type { Backend } from "../provider/engine/backend.ts";
import { type Blocker, FerryError, InvalidInputError, PlanBlockedError } from "../provider/engine/errors.ts";
import { describePlan, planLine, pulumiTypeToken, renderDescription } from "../provider/engine/describe.ts";
import type { AnyKind, Phase, Plan, Progress, Step } from "../provider/engine/kind.ts";
import { LOG_LEVELS, Logger } from "../provider/engine/log.ts";
import { renderOperations, renderStep } from "../provider/engine/plan.ts";
import { redactor } from "../provider/engine/redact.ts";
import { applyResource, parseSpec, planResource, readResource } from "../provider/engine/resource.ts";
import { resolveSettings, settingMeta } from "../provider/engine/settings.ts";
import { issuesFromZod } from "../provider/engine/validate.ts";
import { catalog, loadKind } from "../provider/catalog.ts";
import { camelCase, configKey } from "./names.ts";

/** What Pulumi puts where a value is not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The per-resource connection argument (overrides the stack config for that resource). */
export const CONNECTION = "connection";
/** The computed list of operations. */
export const OPERATIONS = "operations";

type Props = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------
// Settings

/** Stack-config settings per backend (snake_case names, values coerced to the schema's types). */
let stackSettings: Record<string, Props> = {};

/** `configure(req)`: the host passes the whole stack config; ferry reads its own namespace. */
export function configure(config: { get(key: string): unknown }): void {
  stackSettings = {};
  warnUnknownConfigKeys(config);
  for (const backend of catalog) {
    const given: Props = {};
    for (const [name, attr] of Object.entries(backend.settings.shape as Record<string, z.ZodType>)) {
      const raw = config.get(configKey(backend.name, name));
      if (raw !== undefined && raw !== null && raw !== "") given[name] = coerce(raw, attr);
    }
    stackSettings[backend.name] = given;
  }
}

/** Every `ferry:` key ferry reads. */
function knownConfigKeys(): string[] {
  return catalog.flatMap((b) => Object.keys(b.settings.shape).map((name) => configKey(b.name, name)));
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const row = d[i]!;
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

/** The known key nearest to a misspelt one, when it is near enough to be what was meant. */
export function nearestKey(given: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const dist = distance(given, k);
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(given.length / 4)) ? best : undefined;
}

/** The stack config as the host holds it: every key of every namespace. */
const RawConfig = z.record(z.string(), z.unknown());

/**
 * A `ferry:` key ferry does not read is a mistake (a typo, or a setting of another backend's name):
 * it would be ignored silently. Each is warned about once per configure, with the nearest known key.
 * The host's config object holds the whole stack config (`rawConfig`); without it nothing is checked.
 */
function warnUnknownConfigKeys(config: object): void {
  const parsed = RawConfig.safeParse((config as { rawConfig?: unknown }).rawConfig);
  if (!parsed.success) return;
  const raw = parsed.data;
  const known = knownConfigKeys();
  for (const key of Object.keys(raw)) {
    if (!key.startsWith("ferry:") || known.includes(key)) continue;
    const near = nearestKey(key, known);
    console.error(
      `ferry warning: the stack config key ${key} is not one ferry reads; it is ignored.${
        near ? ` Did you mean ${near}?` : ` Known keys: ${known.join(", ")}.`
      }`,
    );
  }
}

function baseType(schema: z.ZodType): string {
  let def = schema._zod.def as { type: string; innerType?: z.ZodType };
  while ((def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType)
    def = def.innerType._zod.def as { type: string; innerType?: z.ZodType };
  return def.type;
}

/** Stack config values are strings; numbers and booleans are read as such (anything else is passed on). */
function coerce(raw: unknown, schema: z.ZodType): unknown {
  if (typeof raw !== "string") return raw;
  const type = baseType(schema);
  if (type === "number") return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (type === "boolean") {
    const v = raw.trim().toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
  }
  return raw;
}

function settingsFor(backend: Backend, connection: unknown): Props {
  const given: Props = { ...stackSettings[backend.name] };
  const conn = isRecord(connection) ? connection : {};
  for (const name of Object.keys(backend.settings.shape)) {
    const v = conn[camelCase(name)];
    if (v !== undefined && v !== null) given[name] = coerce(v, backend.settings.shape[name] as z.ZodType);
  }
  try {
    return resolveSettings(backend.settings, given, process.env, `${backend.title} settings`);
  } catch (e) {
    if (e instanceof InvalidInputError) {
      throw new Error(
        `ferry: ${backend.title} settings are incomplete or invalid:\n${e.issues
          .map((i) => {
            const name = String(i.path[0] ?? "");
            const env = settingMeta(backend.settings.shape[name] as z.ZodType).env ?? [];
            return `  - ${configKey(backend.name, name)} (or the resource's connection.${camelCase(name)}${env.length ? `, or ${env.join(" / ")}` : ""}): ${i.message}`;
          })
          .join("\n")}\nSet them with \`pulumi config set [--secret] <key> <value>\`.`,
      );
    }
    throw e;
  }
}

const clients = new Map<string, unknown>();

function clientFor(backend: Backend, settings: Props): unknown {
  const key = `${backend.name} ${JSON.stringify(settings)}`;
  let client = clients.get(key);
  if (!client) {
    client = backend.createClient(settings, engineLog);
    clients.set(key, client);
  }
  return client;
}

// ---------------------------------------------------------------------------------------------------
// Console: what `pulumi up` shows for dynamic providers (stdout and stderr lines of the host).

const engineLog = new Logger(
  {
    write(level, message, fields) {
      const extra = Object.entries(fields)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
      const line = `ferry ${level}: ${message}${extra ? ` (${extra})` : ""}`;
      if (level === "warn" || level === "error") console.error(line);
      else console.log(line);
    },
  },
  LOG_LEVELS.find((l) => l === process.env.FERRY_LOG_LEVEL) ?? "warn",
);

function say(line: string): void {
  console.log(redactor.redact(line));
}

// ---------------------------------------------------------------------------------------------------
// Names: camelCase ↔ snake_case, derived from the kind's schemas.

function isRecord(v: unknown): v is Props {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let s = schema;
  for (let i = 0; s && i < 5; i++) {
    const def = s._zod.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> };
    if (def.type === "object") return def.shape;
    s = def.innerType;
  }
  return undefined;
}

/** Pulumi props (camelCase) → engine input (snake_case), following the schema's shape. */
function toSnake(schema: z.ZodType | undefined, value: unknown): unknown {
  const shape = objectShape(schema);
  if (!shape || !isRecord(value)) return value;
  const byCamel = new Map(Object.keys(shape).map((k) => [camelCase(k), k]));
  const out: Props = {};
  for (const [k, v] of Object.entries(value)) {
    const snake = byCamel.get(k) ?? k;
    out[snake] = toSnake(shape[snake], v);
  }
  return out;
}

function toCamel(value: Props): Props {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), v]));
}

/** Attribute names in engine text (`allow_stop`) → the names a Pulumi program uses (`allowStop`). */
function camelText(kind: AnyKind, text: string): string {
  let out = text;
  for (const name of Object.keys(kind.spec.shape)) {
    if (name.includes("_")) out = out.replace(new RegExp(`\\b${name}\\b`, "g"), camelCase(name));
  }
  return out;
}

function pathText(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

// ---------------------------------------------------------------------------------------------------
// The kind, its inputs and outputs.

interface Resolved {
  kind: AnyKind;
  backend: Backend;
}

async function resolveKind(type: string): Promise<Resolved> {
  const found = await loadKind(type);
  if (!found) throw new Error(`ferry: unknown resource type "${type}" (is the installed ferry older?)`);
  return found;
}

/** The resource's own inputs: no `__provider`, no computed attributes. */
function inputsOf(kind: AnyKind, props: Props): Props {
  const names = new Set([...Object.keys(kind.spec.shape).map(camelCase), CONNECTION]);
  return Object.fromEntries(Object.entries(props).filter(([k]) => names.has(k)));
}

/** Inputs without `connection`, in the engine's names. */
function engineInput(kind: AnyKind, props: Props): Props {
  const { [CONNECTION]: _connection, ...rest } = inputsOf(kind, props);
  return toSnake(kind.spec, rest) as Props;
}

function priorOutputs(kind: AnyKind, props: Props): Props | undefined {
  const out: Props = {};
  let any = false;
  for (const name of Object.keys(kind.outputs.shape)) {
    const v = props[camelCase(name)];
    if (v !== undefined) {
      out[name] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

function specOf(r: Resolved, props: Props): object {
  try {
    return parseSpec(r.kind, engineInput(r.kind, props));
  } catch (e) {
    throw doorError(r.kind, e);
  }
}

function connect(r: Resolved, props: Props): { client: unknown; defaultTimeoutMs: number | undefined } {
  const settings = settingsFor(r.backend, props[CONNECTION]);
  return {
    client: clientFor(r.backend, settings),
    defaultTimeoutMs: r.backend.defaultTimeoutMs?.(settings),
  };
}

/** Engine errors → one Error whose text says what, why and how to fix, in the program's names. */
function doorError(kind: AnyKind, e: unknown): Error {
  if (e instanceof InvalidInputError) {
    return new Error(
      camelText(
        kind,
        `ferry ${e.code}: invalid arguments:\n${e.issues.map((i) => `  - ${pathText(i.path.map((p) => (typeof p === "string" ? camelCase(p) : p)))}: ${i.message}`).join("\n")}`,
      ),
    );
  }
  if (e instanceof PlanBlockedError) {
    return new Error(
      camelText(
        kind,
        `ferry ${e.code}: ${e.what}\n${e.blockers.map((b) => `  - ${blockerText(b)}`).join("\n")}\n${e.fix ?? ""}`,
      ),
    );
  }
  if (e instanceof FerryError) return new Error(camelText(kind, `ferry ${e.code}: ${e.message}`));
  return e instanceof Error ? e : new Error(String(e));
}

function blockerText(b: Blocker): string {
  const attr = b.attribute ? ` (${camelCase(b.attribute)})` : "";
  return `[${b.code}]${attr} ${b.message}${b.fix ? ` — ${b.fix}` : ""}`;
}

async function guarded<T>(kind: AnyKind, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw doorError(kind, e);
  }
}

// ---------------------------------------------------------------------------------------------------
// check

function unknownPaths(value: unknown, path: (string | number)[] = [], out: string[] = []): string[] {
  if (value === UNKNOWN) out.push(path.join("."));
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) unknownPaths(v, [...path, i], out);
  } else if (isRecord(value)) for (const [k, v] of Object.entries(value)) unknownPaths(v, [...path, k], out);
  return out;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export async function check(type: string, olds: Props, news: Props) {
  const resolved = await resolveKind(type);
  const { kind, backend } = resolved;
  const { __provider: _p, ...inputs } = news;
  const failures: CheckFailure[] = [];

  const known = Object.keys(kind.spec.shape).map(camelCase);
  for (const k of Object.keys(inputs)) {
    if (k !== CONNECTION && !known.includes(k) && !isComputed(kind, k))
      failures.push({ property: k, reason: `unknown argument; known: ${known.join(", ")}` });
  }

  const connection = inputs[CONNECTION];
  if (connection !== undefined && connection !== UNKNOWN) {
    if (!isRecord(connection)) failures.push({ property: CONNECTION, reason: "must be an object" });
    else {
      const settings = Object.keys(backend.settings.shape).map(camelCase);
      for (const k of Object.keys(connection)) {
        if (!settings.includes(k))
          failures.push({
            property: `${CONNECTION}.${k}`,
            reason: `unknown setting; known: ${settings.join(", ")}`,
          });
      }
    }
  }

  const snake = engineInput(kind, inputs);
  const unknown = unknownPaths(snake);
  const sensitive = new Set(
    Object.entries(kind.spec.shape)
      .filter(([, a]) => (a.meta() as { sensitive?: boolean } | undefined)?.sensitive)
      .map(([n]) => n),
  );
  const r = kind.spec.safeParse(snake);
  if (!r.success) {
    for (const issue of issuesFromZod(r.error, snake, sensitive)) {
      const at = issue.path.join(".");
      // A value still unknown (preview) is not an error: it is checked again once it is known.
      if (unknown.some((u) => at === u || at.startsWith(`${u}.`))) continue;
      if (issue.message.startsWith("unknown attribute")) continue; // reported above, in the program's names
      failures.push({
        property: pathText(issue.path.map((p) => (typeof p === "string" ? camelCase(p) : p))),
        reason: camelText(kind, issue.message),
      });
    }
  }
  // The inputs are valid and known: plan now. `check` is the one call Pulumi makes for a create
  // (there is no diff without prior state), so this is where a create's preview shows its operations
  // and refuses what the API would refuse; an update's plan is made here too and reused by `diff`.
  if (failures.length === 0 && unknown.length === 0)
    failures.push(...(await checkPlan(resolved, olds, inputs)));
  return { inputs, failures };
}

/** Plans made by `check`, reused by the `diff` that follows it for the same inputs. */
interface Planned {
  plan: Plan<unknown>;
  /** The live object's outputs (what a refresh would store), or undefined for a replacement. */
  live: Props | undefined;
}

const checkedPlans = new Map<string, { at: number; planned: Planned }>();
const CHECKED_PLAN_TTL_MS = 30_000;

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function planKey(kind: AnyKind, olds: Props, news: Props): string {
  return `${kind.type}\n${stable(inputsOf(kind, olds))}\n${stable(inputsOf(kind, news))}`;
}

/** The attributes whose change forces a replacement. */
function replacedBy(kind: AnyKind, o: Props, n: Props): string[] {
  return Object.keys(kind.spec.shape)
    .filter((name) => isForceNew(kind, name) && !same(o[camelCase(name)], n[camelCase(name)]))
    .map(camelCase);
}

async function planFor(r: Resolved, olds: Props, news: Props, replaces: string[]): Promise<Planned> {
  const { kind } = r;
  const spec = specOf(r, news);
  const { client } = connect(r, news);
  const prior = replaces.length ? undefined : priorOutputs(kind, olds);
  const planned = await planResource(kind, client, spec, {
    prior,
    replacing: replaces.length ? specOf(r, olds) : undefined,
  });
  const live = replaces.length ? undefined : (kind.outputsOf(spec, planned.observed, { prior }) as Props);
  return { plan: planned.plan, live };
}

/**
 * What drifted: the computed attributes whose live value differs from the state's (`olds` of diff are
 * the state's outputs), e.g. `storagePoolName ("ds-gold-01" in state, "ds-gold-02" live)`.
 */
function driftedProperties(kind: AnyKind, olds: Props, live: Props | undefined): string[] {
  if (!live) return [];
  const out: string[] = [];
  for (const name of Object.keys(kind.outputs.shape)) {
    const key = camelCase(name);
    if (!(key in olds) || same(olds[key], live[name])) continue;
    const sensitive = (kind.outputs.shape[name]?.meta() as { sensitive?: boolean } | undefined)?.sensitive;
    out.push(
      sensitive
        ? `${key} (changed)`
        : `${key} (${JSON.stringify(olds[key] ?? null)} in state, ${JSON.stringify(live[name] ?? null)} live)`,
    );
  }
  return out;
}

/**
 * `check`'s plan: printed as `diff` prints it, its blockers returned as check failures — Pulumi shows
 * those once, as the resource's problems, and fails the preview.
 */
async function checkPlan(r: Resolved, olds: Props, inputs: Props): Promise<CheckFailure[]> {
  const { kind } = r;
  const o = inputsOf(kind, olds);
  const creating = Object.keys(o).length === 0;
  const replaces = creating ? [] : replacedBy(kind, o, inputsOf(kind, inputs));
  let planned: Planned;
  try {
    planned = await planFor(r, olds, inputs, replaces);
  } catch (e) {
    return [{ property: "", reason: doorError(kind, e).message }];
  }
  const { plan } = planned;
  if (plan.blockers.length > 0) {
    // For people the failures below are the one account; for `ferry review` the machine-readable line.
    const name = kind.id(specOf(r, inputs));
    say(
      `  ${planLine(describePlan(plan, { type: pulumiTypeToken(kind), address: creating ? `${name} (create)` : name }))}`,
    );
    const what = `ferry PLAN_BLOCKED: ${kind.type} "${kind.id(specOf(r, inputs))}": the change cannot be made as configured; nothing was changed.`;
    return plan.blockers.map((b) => ({
      property: b.attribute ? camelCase(b.attribute) : "",
      reason: camelText(kind, `${what} [${b.code}] ${b.message}${b.fix ? ` — ${b.fix}` : ""}`),
    }));
  }
  checkedPlans.set(planKey(kind, olds, inputs), { at: Date.now(), planned });
  const id = kind.id(specOf(r, inputs));
  if (creating) printPlan(kind, `${id} (create)`, plan);
  else printPlan(kind, replaces.length ? `${id} (replacement)` : id, plan);
  return [];
}

/** The plan `check` made for these inputs a moment ago, taken (each is used once). */
function takeCheckedPlan(kind: AnyKind, olds: Props, news: Props): Planned | undefined {
  const now = Date.now();
  for (const [k, v] of checkedPlans) if (now - v.at > CHECKED_PLAN_TTL_MS) checkedPlans.delete(k);
  const key = planKey(kind, olds, news);
  const found = checkedPlans.get(key);
  checkedPlans.delete(key);
  return found?.planned;
}

function isForceNew(kind: AnyKind, name: string): boolean {
  return Boolean((kind.spec.shape[name]?.meta() as { forceNew?: boolean } | undefined)?.forceNew);
}

function isComputed(kind: AnyKind, name: string): boolean {
  return name === OPERATIONS || Object.keys(kind.outputs.shape).map(camelCase).includes(name);
}

// ---------------------------------------------------------------------------------------------------
// diff

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The plan as the engine prints it for people — numbered titles and requests with their marks — and
 * its `ferry-plan:` line, which `ferry review` reads from `pulumi preview --json`'s diagnostics.
 */
function printPlan(kind: AnyKind, name: string, plan: Plan<unknown>, destroy = false): void {
  if (plan.steps.length === 0 && plan.blockers.length === 0) return;
  const ops = renderOperations(plan);
  if (ops.length)
    say(`ferry: ${kind.type} "${name}": ${ops.length} operation${ops.length === 1 ? "" : "s"} planned:`);
  const description = describePlan(plan, { type: pulumiTypeToken(kind), address: name, destroy });
  for (const line of renderDescription(description)) say(`  ${line}`);
  for (const w of plan.warnings) say(`  ! ${w}`);
}

export async function diff(type: string, id: string, olds: Props, news: Props) {
  const r = await resolveKind(type);
  const { kind } = r;
  return guarded(kind, async () => {
    const o = inputsOf(kind, olds);
    const n = inputsOf(kind, news);
    const changed: string[] = [];
    const replaces: string[] = [];
    for (const name of Object.keys(kind.spec.shape)) {
      const key = camelCase(name);
      if (same(o[key], n[key])) continue;
      changed.push(key);
      if (isForceNew(kind, name)) replaces.push(key);
    }
    if (!same(o[CONNECTION], n[CONNECTION])) changed.push(CONNECTION);

    // Where the API cannot hold the new object beside the old one, Pulumi must delete first.
    const deleteBeforeReplace = replaces.length > 0 && kind.deleteBeforeReplace === true;
    // Unknown inputs (preview): the change is reported; the operations are planned once they are known.
    if (unknownPaths(n).length > 0) {
      say(`ferry: ${kind.type} "${id}": operations are planned once every input is known`);
      return { changes: true, replaces, deleteBeforeReplace };
    }
    // Level-triggered: the live object decides, not only the inputs. Drift made behind Pulumi's back
    // (a VM started, a volume moved) is a change too, and its operations are shown. A replacement is
    // planned as the API will be once the old object is destroyed.
    // `check` planned these inputs a moment ago and printed the plan; otherwise plan now.
    let planned = takeCheckedPlan(kind, olds, news);
    if (!planned) {
      planned = await planFor(r, olds, n, replaces);
      if (planned.plan.blockers.length > 0) {
        printPlan(kind, id, planned.plan);
        throw new PlanBlockedError(`${kind.type} "${id}"`, planned.plan.blockers);
      }
      printPlan(kind, replaces.length ? `${id} (replacement)` : id, planned.plan);
    }
    const { plan } = planned;
    // No argument changed, yet there are operations: the live object drifted. Say what drifted, since
    // the dynamic-provider host carries no changed keys for Pulumi to show.
    if (changed.length === 0 && plan.steps.length > 0) {
      const drifted = driftedProperties(kind, olds, planned.live);
      say(
        `ferry: ${kind.type} "${id}" has drifted from its arguments${drifted.length ? `: ${drifted.join(", ")}` : " (the live object differs)"}; the up runs the operations planned above.`,
      );
    }
    const changes = changed.length > 0 || plan.steps.length > 0;
    return { changes, replaces, deleteBeforeReplace };
  });
}

// ---------------------------------------------------------------------------------------------------
// create / update / delete: converge

function progressPrinter(kind: AnyKind, id: string) {
  let n = 0;
  return {
    onStep: (step: Step) => {
      n++;
      say(`ferry: ${kind.type} "${id}": ${step.action === "wait" ? "" : "running "}${renderStep(step)}`);
    },
    onProgress: (p: Progress) => {
      say(
        `ferry: ${kind.type} "${id}":   ${p.step.operation}: ${p.message}${p.percent !== undefined ? ` (${p.percent}%)` : ""}`,
      );
    },
    count: () => n,
  };
}

async function converge(r: Resolved, props: Props, phase: Phase, destroy: boolean, prior?: Props) {
  const { kind } = r;
  const spec = specOf(r, props);
  const { client, defaultTimeoutMs } = connect(r, props);
  const id = kind.id(spec);
  const p = progressPrinter(kind, id);
  const started = Date.now();
  const result = await applyResource(kind, client, spec, {
    phase,
    destroy,
    prior,
    defaultTimeoutMs,
    onStep: p.onStep,
    onProgress: p.onProgress,
    log: engineLog,
  });
  say(
    `ferry: ${kind.type} "${id}": ${destroy ? "destroyed" : "in place"} after ${p.count()} operation${p.count() === 1 ? "" : "s"} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
  return { id, outputs: result.outputs as Props };
}

function outsOf(kind: AnyKind, props: Props, outputs: Props, operations: string[]): Props {
  return { ...inputsOf(kind, props), ...toCamel(outputs), [OPERATIONS]: operations };
}

export async function create(type: string, inputs: Props) {
  const r = await resolveKind(type);
  return guarded(r.kind, async () => {
    const { id, outputs } = await converge(r, inputs, "create", false);
    return { id, outs: outsOf(r.kind, inputs, outputs, []) };
  });
}

export async function update(type: string, _id: string, olds: Props, news: Props) {
  const r = await resolveKind(type);
  return guarded(r.kind, async () => {
    const { outputs } = await converge(r, news, "update", false, priorOutputs(r.kind, olds));
    return { outs: outsOf(r.kind, news, outputs, []) };
  });
}

export async function remove(type: string, _id: string, props: Props): Promise<void> {
  const r = await resolveKind(type);
  await guarded(r.kind, () => converge(r, props, "delete", true, priorOutputs(r.kind, props)));
}

export { remove as delete };

// ---------------------------------------------------------------------------------------------------
// read: refresh

export async function read(type: string, id: string, props: Props) {
  const r = await resolveKind(type);
  return guarded(r.kind, async () => {
    const spec = specOf(r, props);
    const { client } = connect(r, props);
    const prior = priorOutputs(r.kind, props);
    const now = await readResource(r.kind, client, spec, prior, engineLog);
    // The object the resource is about (the attribute that forces replacement) is gone: so is the
    // resource. An empty id tells Pulumi to drop it from state.
    const gone = now.plan.blockers.find(
      (b) => b.code === "NOT_FOUND" && b.attribute !== undefined && isForceNew(r.kind, b.attribute),
    );
    if (gone) {
      say(`ferry: ${r.kind.type} "${id}": ${gone.message} Removed from the stack's state.`);
      return { id: "", props: {} };
    }
    const operations = renderOperations(now.plan);
    if (!now.inSync) {
      say(`ferry: ${r.kind.type} "${id}" has drifted from its arguments; the next up runs:`);
      for (const op of operations) say(`  - ${op}`);
      for (const b of now.plan.blockers) say(`  ! ${camelText(r.kind, blockerText(b))}`);
    }
    return { id, props: outsOf(r.kind, props, now.outputs as Props, operations) };
  });
}
