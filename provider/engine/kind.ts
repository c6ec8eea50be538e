/**
 * The kind contract: one per resource type. A kind is data plus pure logic, with I/O only in
 * `observe`, `run` and `importSpec`.
 *
 * The heart of a kind is `next(spec, observed)`: given what is desired and what the API shows now, it
 * returns the ONE next documented operation (with the state it predicts afterwards), or that nothing
 * is left to do, or why the API would refuse. The engine builds everything else from it:
 *  - plan():     applies `next` to its own predictions until done → the whole sequence, known up front;
 *  - converge(): observes, asks `next`, runs that one step, observes again … (level-triggered).
 * Because both use the same function, what the plan shows is what apply does.
 */
import type * as z from "zod";
import type { Blocker } from "./errors.ts";
import type { Logger } from "./log.ts";

/** One documented API operation, or a wait on one already in flight. Plain data (JSON-safe). */
export interface Step {
  /** The API's own operation name: "stopVirtualMachine", "migration_start", "preparetodetach" … */
  operation: string;
  /** "call" issues a request; "wait" awaits an operation found in flight (nothing is issued). */
  action: "call" | "wait";
  /** The exact request, as shown in plans: `detachVolume id=…`, `POST /v2/share-servers/…/action {…}`. */
  request: string;
  /** Parameters the kind's `run` needs (ids, job ids …). JSON-safe. */
  params: Record<string, string | number | boolean | null>;
  /** One line for people: "Stop VM web-01". */
  title: string;
  /** Set when the step disrupts users (downtime, reconnects): shown as a warning in every plan. */
  disruption?: string;
  /**
   * Other things a reviewer must see before this step runs that are not downtime (a full resync, tasks
   * the API deletes): each is shown as a warning in every plan, like a disruption.
   */
  warnings?: string[];
}

export type Next<O> =
  | { kind: "done" }
  | { kind: "step"; step: Step; after: O }
  | { kind: "blocked"; blockers: Blocker[] };

export interface Plan<O> {
  steps: { step: Step; after: O }[];
  blockers: Blocker[];
  /** Disruptions and other things a reviewer must see. */
  warnings: string[];
  /** The predicted state once every step has run. */
  final: O;
  /** The plan stops at a wait whose outcome is not predicted; more operations may follow it. */
  unsettled?: boolean;
}

export interface Progress {
  step: Step;
  message: string;
  percent?: number | undefined;
}

export interface RunOptions {
  deadline: number;
  signal: AbortSignal;
  onProgress: (p: Progress) => void;
  log: Logger;
}

/** Which timeout of the resource applies: terraform's create/update/delete. */
export type Phase = "create" | "update" | "delete";

export interface AttributeMeta {
  /** Markdown description; becomes terraform/Pulumi/cdktf docs. */
  description?: string;
  /** Changing this attribute replaces the resource. */
  forceNew?: boolean;
  /** Never shown in plans, logs or non-sensitive state. */
  sensitive?: boolean;
}

export interface Kind<S extends object, O, Out extends object, C> {
  /** Backend-qualified type, e.g. "cloudstack_root_volume" (terraform: ferry_cloudstack_root_volume). */
  type: string;
  backend: string;
  /** Pulumi class name, e.g. "RootVolume" (ferry.cloudstack.RootVolume). */
  className: string;
  /** Markdown doc of the resource type. */
  description: string;
  /** Inputs. Attribute docs and flags via `.meta({description, forceNew, sensitive})`. */
  spec: z.ZodObject;
  /** Computed attributes (besides `id` and `operations`). */
  outputs: z.ZodObject;
  /** Default timeouts per phase, in ms. */
  defaultTimeouts: Record<Phase, number>;
  /** Documented behaviour of destroy (shown in docs). */
  destroyDoc: string;
  /** Documented import id format. */
  importDoc: string;
  /**
   * A replacement must destroy the old object first: the API cannot hold the replacement beside it
   * (one replica per VM), or the old object's destroy acts on the live object the replacement sets
   * (restore_on_destroy, detach_on_destroy), so destroying it last would undo the replacement's work —
   * `pulumi up --replace` on the same VM would end on the old root. Pulumi replaces create-first unless
   * told so: the door says so in its diff, and the Pulumi classes set the resource option, which is
   * what a targeted replace (`--replace`, where the engine asks no diff) goes by.
   */
  deleteBeforeReplace?: boolean;

  id(spec: S): string;
  /**
   * Fill inputs whose default depends on the live state when the change begins (e.g. "start the VM
   * again if it was Running"). Applied once, to the first observation of a plan or run, so later
   * observations — after ferry stopped the VM — do not change the intent.
   */
  resolveSpec?(spec: S, initial: O): S;
  observe(client: C, spec: S, log: Logger): Promise<O>;
  /**
   * The observation as it will be once `replaced` — the object this resource replaces, destroyed
   * first — is gone. A replacement is planned while the old object still exists; without this, what
   * the old object holds (a name, a per-VM limit) would block the plan of the new one.
   */
  withoutReplaced?(observed: O, replaced: S): O;
  next(spec: S, observed: O): Next<O>;
  /** The spec destroy works towards (e.g. the previous root); by default the spec itself. */
  destroySpec?(spec: S, prior: Out | undefined): S;
  /**
   * The destroy's target once the live object is seen: an interrupted run may have recorded on the
   * object (see intent.ts) what the state cannot know — e.g. the root that an interrupted swap replaced.
   * Called with the first observation of a destroy; when the spec it returns differs, the engine
   * observes again with it.
   */
  resolveDestroySpec?(spec: S, initial: O, prior: Out | undefined): S;
  /** Destroy is a plan too: `done` at once for "forget". `prior` = the outputs in state. */
  nextDestroy(spec: S, observed: O, prior: Out | undefined): Next<O>;
  /** Computed attributes from the final observation; `initial` is the first observation of the run. */
  outputsOf(spec: S, observed: O, history: History<O, Out>): Out;
  run(client: C, step: Step, opts: RunOptions): Promise<void>;
  /** Build the spec that describes the live object named by an import id. */
  importSpec(client: C, id: string, log: Logger): Promise<S>;
}

export interface History<O, Out> {
  /** What the API showed before this run changed anything. */
  initial?: O | undefined;
  /** The outputs recorded by the previous run (terraform state, Pulumi outputs). */
  prior?: Out | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds kinds of every shape; each kind is typed where it is defined.
export type AnyKind = Kind<any, any, any, any>;
