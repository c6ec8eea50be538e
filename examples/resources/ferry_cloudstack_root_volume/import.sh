# The VM id: its current root volume becomes volume_id.
terraform import ferry_cloudstack_root_volume.web 7ea77a03-7355-40bd-82c9-3d6f55b7c526
