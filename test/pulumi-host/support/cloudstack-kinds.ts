/** The CloudStack changes of the Pulumi host's interruption matrix (support/interrupt.ts). */
import { DEFAULT_IDS, type Lab } from "../../../lab/index.ts";
import { cloudstackService, JOB_MS, vmSnapshot, volumeSnapshot } from "../../support/cloudstack-matrix.ts";
import type { PulumiKind } from "./interrupt.ts";
import { labConfig } from "./lab.ts";

const VM = DEFAULT_IDS.vms["web-01"];
const OLD = DEFAULT_IDS.volumes["web-01-root"];
const NEW = DEFAULT_IDS.volumes["web-01-root-v2"];
const GOLD2 = DEFAULT_IDS.storagePools["ds-gold-02"];
const DATA = DEFAULT_IDS.volumes["db-01-data"];
const ARCHIVE = DEFAULT_IDS.volumes["archive-01"];

const base = {
  lab: { jobDurationMs: JOB_MS },
  jobMs: JOB_MS,
  service: cloudstackService,
  config: (lab: Lab) => labConfig(lab),
  program: "test/pulumi-host/programs/all-kinds.ts",
};

export const cloudstackKinds: PulumiKind[] = [
  {
    ...base,
    title: "ferry.cloudstack.RootVolume: root swap of a Running VM",
    name: "web",
    argsKey: "rootVolume",
    args: { virtualMachineId: VM, volumeId: NEW, allowStop: true },
    ops: [
      "createTags",
      "stopVirtualMachine",
      "detachVolume",
      "attachVolume",
      "startVirtualMachine",
      "deleteTags",
    ],
    jobs: ["stopVirtualMachine", "detachVolume", "attachVolume", "startVirtualMachine"],
    snapshot: (lab) => ({ vm: vmSnapshot(lab, VM), volumes: volumeSnapshot(lab, [OLD, NEW]) }),
    outputs: ["vmState", "previousVolumeId", "volumeId", "rootVolumeName"],
  },
  {
    ...base,
    title: "ferry.cloudstack.VmStorage: storage move of a Running VM",
    name: "db",
    argsKey: "vmStorage",
    args: { virtualMachineId: VM, storagePoolId: GOLD2, allowStop: true },
    ops: ["createTags", "stopVirtualMachine", "migrateVirtualMachine", "startVirtualMachine", "deleteTags"],
    jobs: ["stopVirtualMachine", "migrateVirtualMachine", "startVirtualMachine"],
    snapshot: (lab) => vmSnapshot(lab, VM),
    outputs: ["vmState", "storagePoolName", "volumeIds"],
  },
  {
    ...base,
    title: "ferry.cloudstack.VolumeAttachment: a data disk moved to another VM",
    name: "rescue",
    argsKey: "volumeAttachment",
    args: { volumeId: DATA, virtualMachineId: DEFAULT_IDS.vms["rescue-01"] },
    ops: ["detachVolume", "attachVolume"],
    jobs: ["detachVolume", "attachVolume"],
    snapshot: (lab) => volumeSnapshot(lab, [DATA]),
    outputs: ["attachedDeviceId", "virtualMachineName", "volumeType"],
  },
  {
    ...base,
    title: "ferry.cloudstack.VolumeStorage: a detached volume moved to another pool",
    name: "archive",
    argsKey: "volumeStorage",
    args: { volumeId: ARCHIVE, storagePoolId: GOLD2 },
    ops: ["migrateVolume"],
    jobs: ["migrateVolume"],
    snapshot: (lab) => volumeSnapshot(lab, [ARCHIVE]),
    outputs: ["storagePoolName", "volumeState"],
  },
];
