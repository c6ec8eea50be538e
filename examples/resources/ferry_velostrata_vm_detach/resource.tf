# db-01 runs in AWS on Velostrata's cache. This change takes it to ready_to_detach: the storage
# migration (if it is not fully cached yet), then preparetodetach — the exporter makes native EBS
# volumes and keeps them in sync. The VM keeps running; both steps can take hours.
resource "ferry_velostrata_vm_detach" "db" {
  vm_id = "vm-2"
  stage = "ready_to_detach"

  storage = {
    aws = {
      storage_type             = "gp3"
      ebs_encryption           = true
      ebs_encryption_key_alias = "alias/migration"
    }
  }

  timeouts = {
    create = "24h" # storage migration and the exporter's passes
    update = "24h"
  }
}

# The cutover, as a second reviewed change: the plan lists POST …/operations/detach as disruptive (the
# VM is shut down and started on its native disks). target_instance_type defaults to the VM's
# current type, as Velostrata's runbook does.
#
#   stage                = "detached"
#   allow_cutover        = true
#   target_instance_type = "m5.large"
#
# Going back is canceldetach: from ready_to_detach at any time; after the detach only with
# allow_rollback = true (writes made on the native disks are lost). stage = "cleaned_up" with
# allow_cleanup = true lets go of the VM for good.
