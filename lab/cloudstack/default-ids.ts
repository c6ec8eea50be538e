// Ids of the demo estate in default-inventory.json, written by hand to match it (a test checks they do),
// so docs, examples and tests can name things without listing them first.

export const ZONE_IDS = {
  "zone-1": "21d72c2b-be78-4169-afd6-231e95fe8900",
} as const;

export const CLUSTER_IDS = {
  "vmware-a": "8b150da4-0870-4257-ac36-85c90e7f6710",
  "kvm-b": "4fc8bb11-ceb4-4594-8f9d-f76a58c5c64b",
} as const;

export const HOST_IDS = {
  "esx-a-01": "b4e49548-7e0f-4f79-b11f-b4c63b4c0cdf",
  "esx-a-02": "c81be080-12fc-466d-a104-a111c2e9b761",
  "kvm-b-01": "749feea3-e7ab-460f-a502-c751d8fb6f16",
} as const;

export const POOL_IDS = {
  "ds-gold-01": "e0e7b9c5-8fca-4034-bc3c-5d6848600578",
  "ds-gold-02": "f345f76f-9789-404f-96a5-d84f3ea8a4b3",
  "ds-silver-01": "97976225-0f9c-42f1-a16d-dca1375bd214",
  "ds-maint": "b9bdcd9e-fb50-49f4-993d-99c620d8c8fd",
  "ds-managed": "f4df1f38-8d96-47e1-b91f-3d3189bee0b9",
  "nfs-kvm-01": "40824974-960e-43ea-83e9-d2a26b30182b",
  "zone-nfs-01": "5701b47a-e315-4fca-a88d-dac6e1737295",
} as const;

export const DISK_OFFERING_IDS = {
  gold: "c2719b45-482e-4994-9859-0456a8afa09a",
  silver: "f3676b4a-b2e3-4b7c-8de8-838faf1ec796",
  standard: "194bbd7c-c7ea-4257-ac36-80aca3b01868",
} as const;

export const VM_IDS = {
  "web-01": "7ea77a03-7355-40bd-82c9-3d6f55b7c526",
  "db-01": "7394f0f6-0e25-4a79-9923-59a2dc2c59d8",
  "broken-01": "1a9a93e5-453b-4e16-856b-e5d733a8bdbe",
  "rescue-01": "4be79296-f8c6-4701-970a-4c4cf4c6119c",
  "snap-01": "948f2440-17f6-4c4a-9fdc-104070aa6df7",
  "kvm-01": "3b9eef43-eb7d-41c9-9a95-58047ce9f4eb",
} as const;

export const VOLUME_IDS = {
  "web-01-root": "a5b3a238-3327-495f-854c-13d2e0174023",
  "web-01-root-v2": "3e51ec74-27ea-4292-8a6c-339655a2befe",
  "db-01-root": "c78b3fb8-4ed8-4f9e-8d2c-e443540654a0",
  "db-01-data": "2b8e691c-fbf8-4a9b-af02-d79a0084c7fd",
  "broken-01-root": "134031fb-736d-4b53-8963-bdfd122235e2",
  "rescue-01-root": "fd9c1288-2305-4625-b4ce-a86e04b638b1",
  "snap-01-root": "5575a109-fc04-44c1-981b-dc7cffeab73b",
  "kvm-01-root": "5cb13745-7778-4d3e-9435-4ee29e6aa879",
  "archive-01": "eda0f856-3169-4c6d-83d9-e5d96faefd23",
  "kvm-disk": "c91b54e1-2a66-407e-b35f-1b8d5e62e25d",
} as const;

/** Defaults the inventory schema gives every VM that names no offering or template. */
export const SERVICE_OFFERING_ID = "625acc8b-c0ee-47bd-a330-76699a3faa80";
export const TEMPLATE_ID = "89479b1e-c068-49d5-8681-1c64fee7dc87";

/** Every id above by kind, e.g. DEFAULT_IDS.volumes["web-01-root"]. */
export const DEFAULT_IDS = {
  zones: ZONE_IDS,
  clusters: CLUSTER_IDS,
  hosts: HOST_IDS,
  storagePools: POOL_IDS,
  diskOfferings: DISK_OFFERING_IDS,
  vms: VM_IDS,
  volumes: VOLUME_IDS,
} as const;
