# A stopped VM and all its volumes live on another primary storage pool (migrateVirtualMachine).
resource "ferry_cloudstack_vm_storage" "db" {
  virtual_machine_id = "c2d1e0f9-8a7b-4c6d-9e5f-4a3b2c1d0e9f"
  storage_pool_id    = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
}
