/**
 * A stack of one resource, driven through the dynamic-provider host the way `pulumi up` drives it:
 * Check, then Create; or Diff, then Update — or, for a replacement, Delete first when the program's
 * deleteBeforeReplace option says so, or, where it is unset, the provider's diff — and Create.
 * `replace` is `pulumi up --replace`: the engine asks no diff, so only the option can make it delete
 * first. `current` is what the stack's state holds.
 */
import { expect } from "vitest";
import { type Host, type Props, runProgram, urnOf } from "./host.ts";

export interface StackResource {
  urn: string;
  id: string;
  inputs: Props;
  outputs: Props;
}

export class OneResourceStack {
  current: StackResource | undefined;

  constructor(
    private readonly host: Host,
    private readonly program: string,
    /** The resource's name in the program, and its key in FERRY_PROGRAM_ARGS. */
    private readonly name: string,
  ) {}

  /** What the program registers for these arguments. */
  async registration(
    args: Record<string, unknown>,
  ): Promise<{ urn: string; inputs: Props; deleteBeforeReplace: boolean | undefined }> {
    const regs = await runProgram(this.program, { [this.name]: args });
    const reg = regs.get(this.name);
    if (!reg) throw new Error(`the program registered no resource ${this.name}`);
    return { urn: urnOf(reg), inputs: reg.inputs, deleteBeforeReplace: reg.deleteBeforeReplace };
  }

  /** `pulumi up --replace` of the resource: no Diff; create-first unless the option says otherwise. */
  async replace(args: Record<string, unknown>): Promise<"delete-first" | "create-first"> {
    const { urn, inputs, deleteBeforeReplace } = await this.registration(args);
    const old = this.current;
    if (!old) throw new Error("nothing to replace: the stack holds no resource");
    const checked = await this.host.check(urn, old.inputs, inputs);
    expect(checked.failures).toEqual([]);
    await this.replaceWith(urn, checked.inputs, deleteBeforeReplace === true);
    return deleteBeforeReplace ? "delete-first" : "create-first";
  }

  /** Pulumi's order: create the replacement, then delete the old object — or delete it first. */
  private async replaceWith(urn: string, inputs: Props, deleteFirst: boolean): Promise<void> {
    const old = this.current;
    if (old && deleteFirst) await this.host.delete(urn, old.id, old.outputs);
    const created = await this.host.create(urn, inputs);
    this.current = { urn, id: created.id, inputs, outputs: created.props };
    if (old && !deleteFirst) await this.host.delete(urn, old.id, old.outputs);
  }

  async up(args: Record<string, unknown>): Promise<"create" | "update" | "replace" | "same"> {
    const { urn, inputs, deleteBeforeReplace: option } = await this.registration(args);
    const checked = await this.host.check(urn, this.current?.inputs ?? {}, inputs);
    expect(checked.failures).toEqual([]);
    if (!this.current) {
      await this.replaceWith(urn, checked.inputs, false);
      return "create";
    }
    const diff = await this.host.diff(urn, this.current.id, this.current.outputs, checked.inputs);
    if (diff.changes !== "some") return "same";
    if (diff.replaces.length) {
      await this.replaceWith(urn, checked.inputs, option ?? diff.deleteBeforeReplace === true);
      return "replace";
    }
    const updated = await this.host.update(urn, this.current.id, this.current.outputs, checked.inputs);
    this.current = { ...this.current, inputs: checked.inputs, outputs: updated.props };
    return "update";
  }
}
