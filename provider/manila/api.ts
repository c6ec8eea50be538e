/**
 * Manila wire schemas (share-server migration, API ≥ 2.57). Shapes as a real Manila 15.1 answers them:
 * the share-server view, the migration_check and migration_get_progress bodies, the fault envelope
 * `{"<kind>": {"code", "message"}}` and the Keystone v3 token body.
 */
import * as z from "zod";

export const MIN_MICROVERSION = "2.57";

export const shareServerSchema = z
  .object({
    id: z.string(),
    project_id: z.string().optional(),
    status: z.string(),
    host: z.string(),
    share_network_id: z.string().nullable().optional(),
    share_network_name: z.string().nullable().optional(),
    task_state: z.string().nullable().optional(),
    source_share_server_id: z.string().nullable().optional(),
    encryption_key_ref: z.string().nullable().optional(),
    updated_at: z.string().nullable().optional(),
  })
  .loose();
export type ShareServer = z.output<typeof shareServerSchema>;

export const shareServerBodySchema = z.object({ share_server: shareServerSchema });
export const shareServerListSchema = z.object({ share_servers: z.array(shareServerSchema) });

const capability = z.union([z.boolean(), z.string(), z.null()]);
export const checkResultSchema = z.object({
  compatible: z.boolean(),
  requested_capabilities: z.record(z.string(), capability),
  supported_capabilities: z.record(z.string(), capability),
});
export type CheckResult = z.output<typeof checkResultSchema>;

export const progressSchema = z.object({
  total_progress: z.number(),
  task_state: z.string().nullable(),
  destination_share_server_id: z.string().nullable(),
});
export type MigrationProgress = z.output<typeof progressSchema>;

export const completeResultSchema = z.object({ destination_share_server_id: z.string() });

export const faultSchema = z.record(
  z.string(),
  z.object({ code: z.number().optional(), message: z.string().optional() }).loose(),
);

export const keystoneTokenSchema = z.object({
  token: z
    .object({
      expires_at: z.string().optional(),
      project: z.object({ id: z.string() }).loose().optional(),
      catalog: z
        .array(
          z
            .object({
              type: z.string(),
              endpoints: z.array(
                z
                  .object({
                    interface: z.string(),
                    region: z.string().nullable().optional(),
                    region_id: z.string().nullable().optional(),
                    url: z.string(),
                  })
                  .loose(),
              ),
            })
            .loose(),
        )
        .optional(),
    })
    .loose(),
});

/** Share-server task states of a migration that is still running (phase 1 or 2, or a cancel). */
export const PHASE1_RUNNING = [
  "migration_starting",
  "migration_in_progress",
  "migration_driver_starting",
  "migration_driver_in_progress",
] as const;
export const PHASE1_DONE = "migration_driver_phase1_done";
