# The VM id.
terraform import ferry_cloudstack_vm_storage.db c2d1e0f9-8a7b-4c6d-9e5f-4a3b2c1d0e9f
