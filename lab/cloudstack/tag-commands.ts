// Resource tags on VMs (resourcetype UserVm): createTags and deleteTags are async commands answering
// {"jobid": …} whose job result is {"success": true}; listTags lists ResourceTagResponse objects, and every
// UserVmResponse carries its tags. Tags are given as a map parameter: tags[0].key=k&tags[0].value=v.
// CloudStack refuses a second tag with the same key on one resource ("tag … already exists"), and a
// deleteTags that matches no tag ("Unable to find any tags which conform to specified delete
// parameters."). Tag jobs carry no instance (CreateTagsCmd/DeleteTagsCmd name no API resource), so the
// VM shows no jobid while one runs.
import * as z from "zod";
import { type CommandContext, type CommandDefinition, defineCommand, listBody } from "./command.ts";
import { cloudRuntime, invalidParameter, paramError } from "./errors.ts";
import type { RawParams } from "./params.ts";
import { tagView } from "./views.ts";

const RESOURCE_TYPES = ["uservm"];

function checkResourceType(type: string): void {
  if (!RESOURCE_TYPES.includes(type.toLowerCase()))
    throw invalidParameter(`Unable to find resource by type ${type}; the lab tags UserVm resources only`);
}

/** The `tags[n].key` / `tags[n].value` entries of a request, in index order. */
function tagMap(raw: RawParams): { key: string; value: string | undefined }[] {
  const found = new Map<number, { key?: string; value?: string }>();
  for (const [name, value] of raw) {
    const m = /^tags\[(\d+)\]\.(key|value)$/.exec(name);
    if (!m) continue;
    const entry = found.get(Number(m[1])) ?? {};
    entry[m[2] as "key" | "value"] = value;
    found.set(Number(m[1]), entry);
  }
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, e]) => e.key !== undefined)
    .map(([, e]) => ({ key: e.key as string, value: e.value }));
}

function submitTagJob(ctx: CommandContext, command: string, cmd: string, work: () => void) {
  const job = ctx.jobs.submit({
    cmd: `org.apache.cloudstack.api.command.user.tag.${cmd}`,
    command,
    instanceType: "VirtualMachine",
    instanceId: null,
    locks: [],
    work: { start() {}, finish: work, result: () => ({ success: true }) },
  });
  return { body: { jobid: job.id }, jobid: job.id };
}

const createTagsDef = defineCommand(
  "createTags",
  (f) => z.object({ resourceids: f.uuidList("vm"), resourcetype: f.text(), customer: f.text().optional() }),
  (p) => {
    checkResourceType(p.resourcetype);
    return { body: {} };
  },
);

export const createTags: CommandDefinition = {
  ...createTagsDef,
  run(raw, ctx) {
    createTagsDef.run(raw, ctx); // parameter checks
    const ids = (raw.get("resourceids") ?? "").toLowerCase().split(",").filter(Boolean);
    const tags = tagMap(raw);
    if (tags.length === 0)
      throw paramError("Unable to execute API command createtags due to missing parameter tags");
    for (const t of tags)
      if (!t.value) throw invalidParameter(`Value for the key ${t.key} is either null or empty`);
    return submitTagJob(ctx, "createTags", "CreateTagsCmd", () => {
      for (const id of ids) {
        const vm = ctx.model.vm(id);
        for (const t of tags)
          if (vm.tags.has(t.key)) throw cloudRuntime(`tag ${t.key} already on UserVm with id ${vm.id}`);
      }
      for (const id of ids) for (const t of tags) ctx.model.vm(id).tags.set(t.key, t.value as string);
    });
  },
};

const deleteTagsDef = defineCommand(
  "deleteTags",
  (f) => z.object({ resourceids: f.uuidList("vm"), resourcetype: f.text() }),
  (p) => {
    checkResourceType(p.resourcetype);
    return { body: {} };
  },
);

export const deleteTags: CommandDefinition = {
  ...deleteTagsDef,
  run(raw, ctx) {
    deleteTagsDef.run(raw, ctx);
    const ids = (raw.get("resourceids") ?? "").toLowerCase().split(",").filter(Boolean);
    const tags = tagMap(raw);
    return submitTagJob(ctx, "deleteTags", "DeleteTagsCmd", () => {
      // Without tags: every tag of the resource; with a key only: that key; with a value: only if it
      // matches. Nothing to delete is refused, as TaggedResourceManagerImpl.deleteTags refuses it.
      const doomed: [string, string][] = [];
      for (const id of ids) {
        const vm = ctx.model.vm(id);
        for (const [key, value] of vm.tags)
          if (
            tags.length === 0 ||
            tags.some(
              (t) =>
                t.key.toLowerCase() === key.toLowerCase() &&
                (t.value === undefined || t.value.toLowerCase() === value.toLowerCase()),
            )
          )
            doomed.push([id, key]);
      }
      if (doomed.length === 0)
        throw invalidParameter("Unable to find any tags which conform to specified delete parameters.");
      for (const [id, key] of doomed) ctx.model.vm(id).tags.delete(key);
    });
  },
};

export const listTags = defineCommand(
  "listTags",
  (f) =>
    z.object({
      resourceid: f.uuid("vm").optional(),
      resourcetype: f.text().optional(),
      key: f.text().optional(),
      value: f.text().optional(),
      listall: f.bool().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    if (p.resourcetype !== undefined && !RESOURCE_TYPES.includes(p.resourcetype.toLowerCase()))
      return { body: listBody("tag", [], p) };
    const items = [...ctx.model.vms.values()]
      .filter((vm) => p.resourceid === undefined || vm.id === p.resourceid)
      .flatMap((vm) =>
        [...vm.tags]
          .filter(
            ([k, v]) => (p.key === undefined || k === p.key) && (p.value === undefined || v === p.value),
          )
          .map(([k, v]) => tagView(vm, k, v)),
      );
    return { body: listBody("tag", items, p) };
  },
);

export const tagCommands: CommandDefinition[] = [createTags, deleteTags, listTags];
