# The VM's Velostrata id; the stage is read from its migrationState.
terraform import ferry_velostrata_vm_detach.db vm-2
