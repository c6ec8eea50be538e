/**
 * The tfplugin6 RPCs, translated to the engine's entry points (parseSpec, planResource,
 * applyResource, readResource, importSpec) and back. Requests and responses are the plain objects of
 * the protocol messages (field names as in tfplugin6.proto). Nothing here knows any backend: kinds and
 * backends come from the registry, values are encoded with the schema derived from the kinds.
 *
 * State layout of every resource: the inputs exactly as configured (null where the configuration
 * leaves them unset — the kind's defaults apply inside ferry), `id`, the outputs, and `operations`.
 */
import { randomUUID } from "node:crypto";
import { backends as allBackends, findKind } from "../index.ts";
import * as z from "zod";
import type { Backend } from "../engine/backend.ts";
import { ReadScope } from "../engine/batch.ts";
import { FerryError, InvalidInputError } from "../engine/errors.ts";
import { describePlan, describeStep, planLine } from "../engine/describe.ts";
import type { AnyKind, Plan, Step } from "../engine/kind.ts";
import { type Logger, silentLogger } from "../engine/log.ts";
import { renderOperations, renderStep } from "../engine/plan.ts";
import { applyResource, parseSpec, planResource, readResource } from "../engine/resource.ts";
import { resolveSettings } from "../engine/settings.ts";
import { issuesFromZod } from "../engine/validate.ts";
import { PrefetchHints } from "./prefetch.ts";
import {
  CodecError,
  type CtyType,
  type CtyValue,
  decodeJson,
  decodeMsgpack,
  encodeMsgpack,
  isUnknown,
  UNKNOWN,
} from "./codec.ts";
import {
  blockerDiagnostic,
  type Diagnostic,
  diagnosticsOf,
  errorDiagnostic,
  warningDiagnostic,
} from "./diagnostics.ts";
import {
  type BlockSchema,
  blockType,
  providerBlock,
  protoBlock,
  resourceBlock,
  resourceTypeName,
  SCHEMA_VERSION,
} from "./schema.ts";

type Obj = Record<string, CtyValue>;
interface DynamicValue {
  msgpack?: Uint8Array | null;
  json?: Uint8Array | null;
}

const NULL_VALUE = { msgpack: Buffer.from([0xc0]) };

interface ResourceEntry {
  kind: AnyKind;
  backend: Backend;
  block: BlockSchema;
  type: CtyType;
}

function hasUnknown(v: CtyValue | undefined): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v && typeof v === "object") return Object.values(v).some(hasUnknown);
  return false;
}

/** Plain JS input for zod: nulls mean "unset". */
function stripNulls(v: CtyValue): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (v && typeof v === "object" && !isUnknown(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
    return out;
  }
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, bigintSafe) === JSON.stringify(b, bigintSafe);
}

function bigintSafe(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}

/** JS output values → cty values of the attribute types (plain data; undefined → null). */
/** `operation_details` in state: the engine's structured description of each operation. */
function operationDetails(steps: Step[]): CtyValue {
  return toCty(steps.map(describeStep));
}

function toCty(v: unknown): CtyValue {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(toCty);
  if (typeof v === "object") {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = toCty(x);
    return out;
  }
  return v as CtyValue;
}

export interface ProviderOptions {
  backends?: Backend[];
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Hints between the provider processes of one terraform command; by default keyed by the parent. */
  hints?: PrefetchHints;
}

type BackendState =
  | { status: "ready"; client: unknown; settings: Record<string, unknown> }
  | { status: "unknown" }
  | { status: "error"; error: unknown };

export class TerraformProvider {
  private readonly backends: Backend[];
  private readonly env: NodeJS.ProcessEnv;
  private readonly log: Logger;
  private readonly resources = new Map<string, ResourceEntry>();
  private readonly providerSchema: BlockSchema;
  private readonly providerType: CtyType;
  private configured = new Map<string, BackendState>();
  private stop = new AbortController();
  /**
   * The objects this process has created: `type/id` → the mark the create put in the object's private
   * data (kept there through reads, plans and updates). A destroy of an object with that id but without
   * that mark, later in this process, is the old half of a create-before-destroy replacement (lifecycle
   * create_before_destroy, which the provider is never told of): the live object is the new one's now.
   * A destroy of the object created here (a `terraform test` run's cleanup) carries the mark and runs.
   */
  private readonly created = new Map<string, string>();
  private schemaResponse: Record<string, unknown> | undefined;
  /**
   * Reads of terraform's separate ReadResource and PlanResourceChange calls share list calls through
   * this scope (answers reused for a short while, cleared by any write); applies read fresh.
   */
  private readonly scope = new ReadScope();
  private readonly hints: PrefetchHints;
  /** Hinted resources already observed ahead (type + inputs). */
  private readonly warmed = new Set<string>();
  private readonly pendingHints: { e: ResourceEntry; spec: object }[] = [];
  private hintsLoaded = false;

  constructor(o: ProviderOptions = {}) {
    this.backends = o.backends ?? allBackends;
    this.env = o.env ?? process.env;
    this.log = o.log ?? silentLogger;
    this.hints = o.hints ?? new PrefetchHints(this.env, this.log);
    for (const backend of this.backends) {
      for (const kind of backend.kinds) {
        const block = resourceBlock(kind);
        this.resources.set(resourceTypeName(kind), { kind, backend, block, type: blockType(block) });
      }
    }
    this.providerSchema = providerBlock(this.backends);
    this.providerType = blockType(this.providerSchema);
  }

  // -------------------------------------------------------------------------------------------------
  // helpers

  private entry(typeName: string): ResourceEntry {
    const e = this.resources.get(typeName);
    if (e) return e;
    const found = findKind(typeName);
    if (found && this.backends.includes(found.backend))
      return this.resources.get(resourceTypeName(found.kind))!;
    throw new FerryError("INVALID_INPUT", {
      what: `Unknown resource type "${typeName}".`,
      why: `This provider serves: ${[...this.resources.keys()].join(", ")}.`,
      fix: "Check the resource type name and the provider version.",
    });
  }

  private decode(type: CtyType, dv: DynamicValue | null | undefined): CtyValue {
    if (!dv) return null;
    if (dv.msgpack && dv.msgpack.length > 0) return decodeMsgpack(type, dv.msgpack);
    if (dv.json && dv.json.length > 0) return decodeJson(type, dv.json);
    return null;
  }

  private encode(type: CtyType, v: CtyValue): { msgpack: Buffer } {
    return { msgpack: encodeMsgpack(type, v) };
  }

  private client(backend: Backend): unknown {
    const s = this.configured.get(backend.name);
    if (s?.status === "ready") return s.client;
    if (s?.status === "unknown") return UNKNOWN;
    if (s?.status === "error") throw s.error;
    throw new FerryError("INVALID_CONFIG", {
      what: `The ${backend.title} backend is not configured.`,
      why: "ConfigureProvider has not run in this provider process.",
    });
  }

  private inputNames(e: ResourceEntry): Set<string> {
    return new Set(Object.keys(e.kind.spec.shape));
  }

  private inputsOf(e: ResourceEntry, state: Obj): Obj {
    const names = this.inputNames(e);
    return Object.fromEntries(Object.entries(state).filter(([k]) => names.has(k)));
  }

  private specOf(e: ResourceEntry, state: Obj): object {
    return parseSpec(e.kind, stripNulls(this.inputsOf(e, state)));
  }

  private priorOutputs(e: ResourceEntry, state: Obj | null): object | undefined {
    if (!state) return undefined;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(e.kind.outputs.shape)) out[k] = stripNulls(state[k] ?? null);
    return out;
  }

  private outputsState(e: ResourceEntry, outputs: object): Obj {
    const out: Obj = {};
    for (const k of Object.keys(e.kind.outputs.shape))
      out[k] = toCty((outputs as Record<string, unknown>)[k]);
    return out;
  }

  private defaultTimeout(backend: Backend): number | undefined {
    const s = this.configured.get(backend.name);
    return s?.status === "ready" ? backend.defaultTimeoutMs?.(s.settings) : undefined;
  }

  /** Remember a resource asked about, for this process's next reads and the next process's. */
  private noteHint(e: ResourceEntry, spec: object): void {
    if (e.block.attributes.some((a) => a.sensitive)) return;
    const key = `${resourceTypeName(e.kind)} ${JSON.stringify(spec, bigintSafe)}`;
    if (this.warmed.has(key)) return;
    this.warmed.add(key);
    this.pendingHints.push({ e, spec });
    this.hints.note(resourceTypeName(e.kind), JSON.parse(JSON.stringify(spec, bigintSafe)) as object);
  }

  /**
   * Before a read: observe, all at once, every resource expected and not yet observed ahead — those
   * hinted by earlier processes of this terraform command and those this one validated — so that
   * their reads land in one batch. Failures are left to the resource's own read.
   */
  private warm(): void {
    if (!this.hintsLoaded) {
      this.hintsLoaded = true;
      for (const h of this.hints.load()) {
        const e = this.resources.get(h.type);
        if (!e) continue;
        try {
          this.noteHint(e, parseSpec(e.kind, h.spec));
        } catch {
          // inputs no longer valid for this version: not a hint
        }
      }
    }
    const todo = this.pendingHints.splice(0);
    if (todo.length < 2) return;
    void this.scope.shared(async () => {
      await Promise.all(
        todo.map(({ e, spec }) => {
          const s = this.configured.get(e.backend.name);
          if (s?.status !== "ready") return undefined;
          return e.kind.observe(s.client, spec, silentLogger).catch(() => undefined);
        }),
      );
    });
  }

  private logFor(e: ResourceEntry): Logger {
    return this.log.child({ resource: resourceTypeName(e.kind) });
  }

  // -------------------------------------------------------------------------------------------------
  // RPCs

  getProviderSchema(): Record<string, unknown> {
    if (!this.schemaResponse) {
      const resource_schemas: Record<string, unknown> = {};
      for (const [name, e] of this.resources)
        resource_schemas[name] = { version: SCHEMA_VERSION, block: protoBlock(e.block) };
      this.schemaResponse = {
        provider: { version: 0, block: protoBlock(this.providerSchema) },
        resource_schemas,
        data_source_schemas: {},
        diagnostics: [],
        server_capabilities: { plan_destroy: true, get_provider_schema_optional: true },
      };
    }
    return this.schemaResponse;
  }

  validateProviderConfig(req: { config?: DynamicValue }): { diagnostics: Diagnostic[] } {
    try {
      const config = this.decode(this.providerType, req.config) as Obj | null;
      const diagnostics: Diagnostic[] = [];
      for (const backend of this.backends) {
        const block = config?.[backend.name] as Obj | null | undefined;
        if (!block || isUnknown(block)) continue;
        // Only what is given and known is checked: the rest may come from the environment.
        const shape = backend.settings.shape as Record<string, z.ZodType>;
        const given: Record<string, unknown> = {};
        const sensitive = new Set<string>();
        for (const [k, v] of Object.entries(block as Obj)) {
          if (v === null || hasUnknown(v) || !shape[k]) continue;
          given[k] = stripNulls(v);
          if ((shape[k].meta() as { sensitive?: boolean } | undefined)?.sensitive) sensitive.add(k);
        }
        // Each given attribute against its own schema; rules across attributes (which auth mode, …)
        // wait for ConfigureProvider, when the environment is known too.
        const r = z
          .object(Object.fromEntries(Object.keys(given).map((k) => [k, shape[k] as z.ZodType])))
          .safeParse(given);
        if (r.success) continue;
        for (const issue of issuesFromZod(r.error, given, sensitive))
          diagnostics.push(
            errorDiagnostic(`Invalid ${backend.name}.${issue.path.join(".")}`, issue.message, [
              backend.name,
              ...issue.path,
            ]),
          );
      }
      return { diagnostics };
    } catch (e) {
      return { diagnostics: diagnosticsOf(e) };
    }
  }

  validateResourceConfig(req: { type_name: string; config?: DynamicValue }): { diagnostics: Diagnostic[] } {
    try {
      const e = this.entry(req.type_name);
      const config = this.decode(e.type, req.config) as Obj | null;
      if (!config) return { diagnostics: [] };
      const inputs = this.inputsOf(e, config);
      const unknownAttrs = new Set(Object.keys(inputs).filter((k) => hasUnknown(inputs[k])));
      const known = stripNulls(
        Object.fromEntries(Object.entries(inputs).filter(([k]) => !unknownAttrs.has(k))),
      );
      try {
        const spec = parseSpec(e.kind, known);
        if (unknownAttrs.size === 0) this.noteHint(e, spec);
        return { diagnostics: [] };
      } catch (err) {
        if (!(err instanceof InvalidInputError)) throw err;
        const issues = err.issues.filter((i) => !unknownAttrs.has(String(i.path[0])));
        if (issues.length === 0) return { diagnostics: [] };
        return {
          diagnostics: diagnosticsOf(
            new InvalidInputError(`${req.type_name} arguments`, issues),
            "ferry",
            [],
            e.type,
          ),
        };
      }
    } catch (e) {
      return { diagnostics: diagnosticsOf(e) };
    }
  }

  configureProvider(req: { config?: DynamicValue; terraform_version?: string }): {
    diagnostics: Diagnostic[];
  } {
    const diagnostics: Diagnostic[] = [];
    let config: Obj | null;
    try {
      config = this.decode(this.providerType, req.config) as Obj | null;
    } catch (e) {
      return { diagnostics: diagnosticsOf(e) };
    }
    this.log.debug("configuring", { terraform_version: req.terraform_version ?? "" });
    for (const backend of this.backends) {
      const block = config?.[backend.name] as Obj | null | undefined;
      if (block && hasUnknown(block)) {
        this.configured.set(backend.name, { status: "unknown" });
        continue;
      }
      try {
        const given = (block ? stripNulls(block) : {}) as Record<string, unknown>;
        const settings = resolveSettings(
          backend.settings,
          given,
          this.env,
          `provider "ferry" ${backend.name} block`,
        ) as Record<string, unknown>;
        const client = backend.createClient(settings, this.log.child({ backend: backend.name }), {
          scope: this.scope,
        });
        this.configured.set(backend.name, { status: "ready", client, settings });
      } catch (e) {
        if (block) diagnostics.push(...diagnosticsOf(e, "ferry", [backend.name]));
        else {
          // Not configured at all: only an error if a resource of this backend is used.
          const env = Object.values(backend.settings.shape as Record<string, z.ZodType>).flatMap(
            (s) => ((s.meta() ?? {}) as { env?: string[] }).env?.slice(0, 1) ?? [],
          );
          const detail = e instanceof Error ? e.message : String(e);
          this.configured.set(backend.name, {
            status: "error",
            error: new FerryError("INVALID_CONFIG", {
              what: `The ${backend.title} backend is not configured.`,
              why: detail,
              fix: `Add a \`${backend.name} { … }\` block to the ferry provider, or set ${env.join(", ")}.`,
            }),
          });
        }
      }
    }
    return { diagnostics };
  }

  upgradeResourceState(req: {
    type_name: string;
    version?: number;
    raw_state?: { json?: Uint8Array | null; flatmap?: Record<string, string> };
  }): { upgraded_state?: { msgpack: Buffer }; diagnostics: Diagnostic[] } {
    try {
      const e = this.entry(req.type_name);
      const json = req.raw_state?.json;
      if (!json || json.length === 0) {
        if (req.raw_state?.flatmap && Object.keys(req.raw_state.flatmap).length > 0)
          throw new FerryError("INVALID_INPUT", {
            what: `The state of this ${req.type_name} is in the legacy flatmap format.`,
            why: "ferry never wrote flatmap state.",
          });
        return { upgraded_state: NULL_VALUE, diagnostics: [] };
      }
      // Any earlier schema version: attributes that no longer exist are dropped, new ones are null.
      const value = decodeJson(e.type, json);
      return { upgraded_state: this.encode(e.type, value), diagnostics: [] };
    } catch (err) {
      return { diagnostics: diagnosticsOf(err instanceof CodecError ? codecInvalid(err) : err) };
    }
  }

  readResource(req: {
    type_name: string;
    current_state?: DynamicValue;
    private?: Uint8Array;
  }): Promise<Record<string, unknown>> {
    return this.scope.shared(() => this.readResourceShared(req));
  }

  private async readResourceShared(req: {
    type_name: string;
    current_state?: DynamicValue;
    private?: Uint8Array;
  }): Promise<Record<string, unknown>> {
    let e: ResourceEntry;
    let current: Obj | null;
    try {
      e = this.entry(req.type_name);
      current = this.decode(e.type, req.current_state) as Obj | null;
    } catch (err) {
      return { diagnostics: diagnosticsOf(err) };
    }
    if (!current) return { new_state: NULL_VALUE, diagnostics: [], private: req.private ?? Buffer.alloc(0) };
    const keep = { new_state: this.encode(e.type, current), private: req.private ?? Buffer.alloc(0) };
    try {
      const client = this.client(e.backend);
      if (isUnknown(client)) return { ...keep, diagnostics: [] };
      const spec = this.specOf(e, current);
      this.noteHint(e, spec);
      this.warm();
      const r = await readResource(e.kind, client, spec, this.priorOutputs(e, current), this.logFor(e));
      // In sync: `operations` keeps what the last apply ran (no drift to report). Out of sync: it is
      // emptied, so that the plan's operations show as a change even when they equal the last ones.
      const next: Obj = {
        ...current,
        ...this.outputsState(e, r.outputs),
        operations: r.inSync ? (current["operations"] ?? []) : [],
        operation_details: r.inSync ? (current["operation_details"] ?? []) : [],
      };
      return { new_state: this.encode(e.type, next), private: keep.private, diagnostics: [] };
    } catch (err) {
      return { ...keep, diagnostics: diagnosticsOf(err, req.type_name) };
    }
  }

  planResourceChange(req: {
    type_name: string;
    prior_state?: DynamicValue;
    proposed_new_state?: DynamicValue;
    config?: DynamicValue;
    prior_private?: Uint8Array;
  }): Promise<Record<string, unknown>> {
    return this.scope.shared(() => this.planResourceChangeShared(req));
  }

  private async planResourceChangeShared(req: {
    type_name: string;
    prior_state?: DynamicValue;
    proposed_new_state?: DynamicValue;
    config?: DynamicValue;
    prior_private?: Uint8Array;
  }): Promise<Record<string, unknown>> {
    let e: ResourceEntry;
    try {
      e = this.entry(req.type_name);
    } catch (err) {
      return { diagnostics: diagnosticsOf(err) };
    }
    const log = this.logFor(e);
    try {
      const prior = this.decode(e.type, req.prior_state) as Obj | null;
      const proposed = this.decode(e.type, req.proposed_new_state) as Obj | null;

      // destroy: planned state null; the destroy plan's disruptions and blockers are shown now.
      if (!proposed) {
        if (!prior) return { planned_state: NULL_VALUE, diagnostics: [] };
        const client = this.client(e.backend);
        if (isUnknown(client)) return { planned_state: NULL_VALUE, diagnostics: [] };
        const spec = this.specOf(e, prior);
        this.warm();
        const p = await planResource(e.kind, client, spec, {
          destroy: true,
          prior: this.priorOutputs(e, prior),
          log,
        });
        return {
          planned_state: NULL_VALUE,
          planned_private: privateOf(p.spec, { destroy: true, created: createdOf(req.prior_private) }),
          diagnostics: this.planDiagnostics(e, p.plan, "destroy"),
        };
      }

      const requiresReplace: { steps: { attribute_name: string }[] }[] = [];
      if (prior) {
        for (const a of e.block.attributes)
          if (a.forceNew && !deepEqual(prior[a.name], proposed[a.name]))
            requiresReplace.push({ steps: [{ attribute_name: a.name }] });
      }
      const replacing = requiresReplace.length > 0;
      const inputs = this.inputsOf(e, proposed);
      const computedUnknown = (): Obj => {
        const out: Obj = {};
        for (const a of e.block.attributes) if (a.computed) out[a.name] = UNKNOWN;
        if (prior && !replacing) out["id"] = prior["id"] ?? UNKNOWN;
        return out;
      };
      const client = hasUnknown(inputs) ? UNKNOWN : this.client(e.backend);
      if (isUnknown(client)) {
        return {
          planned_state: this.encode(e.type, { ...proposed, ...computedUnknown() }),
          requires_replace: requiresReplace,
          diagnostics: [],
        };
      }

      const spec = this.specOf(e, proposed);
      this.noteHint(e, spec);
      this.warm();
      const priorOutputs = replacing ? undefined : this.priorOutputs(e, prior);
      // The object this one replaces. terraform plans the new half of a replacement — one that
      // requires_replace asked for, or `-replace=ADDR`, which the provider is never told of — with a
      // second call: prior null, prior_private = the planned_private of the first. So every plan of an
      // object in state carries that object (its spec and outputs) in planned_private.
      const replacedNow = prior
        ? { spec: this.specOf(e, prior), prior: this.priorOutputs(e, prior) }
        : undefined;
      const replaced = prior ? (replacing ? replacedNow : undefined) : replacedFromPrivate(req.prior_private);
      const p = await planResource(e.kind, client, spec, {
        prior: priorOutputs,
        replacing: replaced?.spec,
        log,
      });
      // The destroy of the replaced object runs first. When it changes the live object (a root swapped
      // back, a volume detached), this object's operations are planned again once it has run (the
      // final plan terraform asks for during apply); now they are not known.
      const replacedDestroy = replaced
        ? await planResource(e.kind, client, replaced.spec, { destroy: true, prior: replaced.prior, log })
        : undefined;
      const afterDestroy = (replacedDestroy?.plan.steps.length ?? 0) > 0;
      // terraform shows only the errors of a replacement's second call (its warnings were the first
      // call's): so the first names the destroy that runs first, and either refuses a blocked one.
      const destroyBlocked = (replacedDestroy?.plan.blockers.length ?? 0) > 0;
      const diagnostics = [
        ...(replacedDestroy && ((afterDestroy && prior) || destroyBlocked)
          ? this.planDiagnostics(e, replacedDestroy.plan, "replaced")
          : []),
        ...this.planDiagnostics(e, p.plan),
      ];
      const inputsUnchanged = prior !== null && !replacing && deepEqual(this.inputsOf(e, prior), inputs);
      // Nothing to do and nothing changed: the planned state is the prior state, so terraform shows no change.
      if (p.plan.steps.length === 0 && inputsUnchanged && p.plan.blockers.length === 0) {
        return {
          planned_state: this.encode(e.type, proposed),
          requires_replace: [],
          planned_private: privateOf(p.spec, {
            replaced: replacedNow,
            created: createdOf(req.prior_private),
          }),
          diagnostics,
        };
      }
      // Otherwise the outputs are known after apply: they come from the API once converged, and other
      // resources applied first may change them (terraform requires known planned values to hold).
      // `operations` is known now: it is the plan — unless it stops at a wait on an operation already
      // in flight (what follows depends on its outcome), or a destroy that runs first changes the
      // object.
      const outputs: Obj = {};
      for (const k of Object.keys(e.kind.outputs.shape)) outputs[k] = UNKNOWN;
      const opsUnknown = p.plan.unsettled === true || afterDestroy;
      const planned: Obj = {
        ...proposed,
        ...outputs,
        id: e.kind.id(p.spec),
        operations: opsUnknown ? UNKNOWN : renderOperations(p.plan),
        operation_details: opsUnknown ? UNKNOWN : operationDetails(p.plan.steps.map((s) => s.step)),
      };
      return {
        planned_state: this.encode(e.type, planned),
        requires_replace: requiresReplace,
        planned_private: privateOf(p.spec, { replaced: replacedNow, created: createdOf(req.prior_private) }),
        diagnostics,
      };
    } catch (err) {
      return { diagnostics: diagnosticsOf(err, req.type_name) };
    }
  }

  /**
   * Blockers as errors, disruptions and warnings as warnings; a destroy that runs operations lists
   * them in a warning (terraform shows no attributes for a destroy). The first diagnostic carries the
   * `ferry-plan:` line, the structured description `ferry review` reads from `terraform plan -json`.
   */
  private planDiagnostics(
    e: ResourceEntry,
    plan: Plan<unknown>,
    what: "change" | "destroy" | "replaced" = "change",
  ): Diagnostic[] {
    const type = resourceTypeName(e.kind);
    const destroy = what !== "change";
    const diags: Diagnostic[] = [];
    for (const b of plan.blockers) diags.push(blockerDiagnostic(type, b));
    const n = `${plan.steps.length} operation${plan.steps.length === 1 ? "" : "s"}`;
    const list = plan.steps.map((s, i) => `${i + 1}. ${s.step.title}: ${renderStep(s.step)}`).join("\n");
    if (what === "destroy" && plan.steps.length > 0)
      diags.push(warningDiagnostic(`${type}: destroy runs ${n}`, list));
    if (what === "replaced" && plan.steps.length > 0)
      diags.push(
        warningDiagnostic(
          `${type}: the destroy of the object it replaces runs first (${n})`,
          `${list}\nThe new object's operations are planned again once it has run ("known after apply"); apply shows them. Under lifecycle create_before_destroy the new object is created first, and where it sets the same live object the destroy runs no operation.`,
        ),
      );
    for (const s of plan.steps) {
      if (s.step.disruption)
        diags.push(
          warningDiagnostic(
            `${type}: ${s.step.operation} is disruptive`,
            `${s.step.disruption}\nOperation: ${renderStep(s.step)}`,
          ),
        );
      for (const w of s.step.warnings ?? [])
        diags.push(
          warningDiagnostic(`${type}: ${s.step.operation}: ${w}`, `Operation: ${renderStep(s.step)}`),
        );
    }
    const first = diags[0];
    if (first) {
      const line = planLine(describePlan(plan, { type, destroy }));
      first.detail = first.detail ? `${first.detail}\n${line}` : line;
    }
    return diags;
  }

  async applyResourceChange(req: {
    type_name: string;
    prior_state?: DynamicValue;
    planned_state?: DynamicValue;
    config?: DynamicValue;
    planned_private?: Uint8Array;
  }): Promise<Record<string, unknown>> {
    let e: ResourceEntry;
    let prior: Obj | null;
    let planned: Obj | null;
    try {
      e = this.entry(req.type_name);
      prior = this.decode(e.type, req.prior_state) as Obj | null;
      planned = this.decode(e.type, req.planned_state) as Obj | null;
    } catch (err) {
      return { diagnostics: diagnosticsOf(err) };
    }
    const log = this.logFor(e);
    const signal = this.stop.signal;
    const fromPrivate = specFromPrivate(req.planned_private);
    const fromDestroy = privateFields(req.planned_private)?.destroy === true;
    try {
      const client = this.client(e.backend);
      if (!planned) {
        if (!prior) return { new_state: NULL_VALUE, diagnostics: [] };
        // The replacement was created first and sets the same live object: running this destroy's
        // operations (a restore_on_destroy swap back, a detach_on_destroy detach) would undo it.
        const createdHere = this.created.get(objectKey(e, prior));
        if (createdHere !== undefined && createdHere !== createdOf(req.planned_private))
          return {
            new_state: NULL_VALUE,
            diagnostics: [leftToReplacement(resourceTypeName(e.kind), String(prior["id"]))],
          };
        // The spec a destroy plan resolved; the destroy half of a replacement gets the new object's
        // private instead, so it works from the state.
        const spec = (fromDestroy ? fromPrivate : undefined) ?? this.specOf(e, prior);
        await applyResource(e.kind, client, spec, {
          phase: "delete",
          destroy: true,
          prior: this.priorOutputs(e, prior),
          defaultTimeoutMs: this.defaultTimeout(e.backend),
          signal,
          log,
        });
        return { new_state: NULL_VALUE, diagnostics: [] };
      }
      const spec = fromPrivate ?? this.specOf(e, planned);
      const replacing = prior !== null && !deepEqual(prior["id"], planned["id"]) && !isUnknown(planned["id"]);
      const r = await applyResource(e.kind, client, spec, {
        phase: prior ? "update" : "create",
        prior: replacing ? undefined : this.priorOutputs(e, prior),
        defaultTimeoutMs: this.defaultTimeout(e.backend),
        signal,
        log,
      });
      const plannedOps = planned["operations"];
      const plannedDetails = planned["operation_details"];
      const next: Obj = {
        ...planned,
        ...this.outputsState(e, r.outputs),
        id: e.kind.id(spec),
        operations:
          isUnknown(plannedOps) || plannedOps === null || plannedOps === undefined
            ? r.ran.map(renderStep)
            : plannedOps,
        operation_details:
          isUnknown(plannedDetails) || plannedDetails === null || plannedDetails === undefined
            ? operationDetails(r.ran)
            : plannedDetails,
      };
      // A create marks its object; an update keeps the mark the object had.
      const created = prior ? createdOf(req.planned_private) : randomUUID();
      if (!prior) this.created.set(objectKey(e, next), created!);
      return { new_state: this.encode(e.type, next), private: privateOf(spec, { created }), diagnostics: [] };
    } catch (err) {
      // Nothing is recorded as done: the state stays as it was, and the next run resumes from the API.
      return {
        new_state: prior ? this.encode(e.type, prior) : NULL_VALUE,
        diagnostics: diagnosticsOf(err, req.type_name),
      };
    }
  }

  async importResourceState(req: { type_name: string; id: string }): Promise<Record<string, unknown>> {
    try {
      const e = this.entry(req.type_name);
      const client = this.client(e.backend);
      if (isUnknown(client))
        throw new FerryError("INVALID_CONFIG", {
          what: "The provider configuration is not known yet; import needs a configured provider.",
        });
      const log = this.logFor(e);
      const spec = (await e.kind.importSpec(client, req.id, log)) as Record<string, unknown>;
      const r = await readResource(e.kind, client, spec, undefined, log);
      const state: Obj = {};
      for (const a of e.block.attributes) state[a.name] = null;
      for (const a of e.block.attributes) {
        if (!this.inputNames(e).has(a.name)) continue;
        const v = spec[a.name];
        // Only required inputs come from the live object; optional ones stay unset (null), as a
        // configuration that leaves them out has them, so import is followed by no change.
        state[a.name] = a.required ? toCty(v) : null;
      }
      Object.assign(state, this.outputsState(e, r.outputs), {
        id: e.kind.id(spec),
        operations: [],
        operation_details: [],
      });
      return {
        imported_resources: [
          { type_name: req.type_name, state: this.encode(e.type, state), private: privateOf(spec) },
        ],
        diagnostics: [],
      };
    } catch (err) {
      return { imported_resources: [], diagnostics: diagnosticsOf(err, req.type_name) };
    }
  }

  /** Terraform's Ctrl-C: cancel in-flight waits now; the next run resumes from the API. */
  stopProvider(): { Error: string } {
    this.log.info("stop requested: cancelling in-flight waits");
    this.stop.abort();
    this.stop = new AbortController();
    return { Error: "" };
  }
}

function codecInvalid(e: CodecError): FerryError {
  return new FerryError("INVALID_INPUT", {
    what: "The stored state does not fit the resource schema.",
    why: e.message,
  });
}

function leftToReplacement(type: string, id: string): Diagnostic {
  return warningDiagnostic(
    `${type} "${id}": the destroy left the live object to its replacement`,
    "terraform created the replacement first (create_before_destroy) and it sets the same live object, so this destroy ran no operation: a restore_on_destroy swap back or a detach_on_destroy detach would have undone the replacement.",
  );
}

/**
 * planned_private / private: the spec with state-dependent defaults resolved, so apply does what was
 * planned; `destroy` when a destroy plan resolved it; `replaced`, the object in state a plan would
 * replace (the second plan call of a replacement receives it as prior_private); `created`, the mark
 * of the create that made the object (see TerraformProvider.created).
 */
interface PrivateFields {
  spec?: object;
  destroy?: boolean;
  replaced?: ReplacedObject | undefined;
  created?: string | undefined;
}

function objectKey(e: ResourceEntry, state: Obj): string {
  return `${e.type}/${String(state["id"])}`;
}

function createdOf(bytes: Uint8Array | undefined): string | undefined {
  const c = privateFields(bytes)?.created;
  return typeof c === "string" ? c : undefined;
}

interface ReplacedObject {
  spec: object;
  prior: object | undefined;
}

function privateOf(spec: object, extra: Omit<PrivateFields, "spec"> = {}): Buffer {
  return Buffer.from(JSON.stringify({ spec, ...extra }));
}

function privateFields(bytes: Uint8Array | undefined): PrivateFields | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(bytes).toString("utf8"));
    return v && typeof v === "object" ? (v as PrivateFields) : undefined;
  } catch {
    return undefined;
  }
}

function specFromPrivate(bytes: Uint8Array | undefined): object | undefined {
  const spec = privateFields(bytes)?.spec;
  return spec && typeof spec === "object" ? spec : undefined;
}

function replacedFromPrivate(bytes: Uint8Array | undefined): ReplacedObject | undefined {
  const r = privateFields(bytes)?.replaced;
  if (!r || typeof r !== "object" || !r.spec || typeof r.spec !== "object") return undefined;
  return { spec: r.spec, prior: r.prior && typeof r.prior === "object" ? r.prior : undefined };
}
