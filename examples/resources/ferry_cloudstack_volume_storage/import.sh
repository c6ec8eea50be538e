# The volume id.
terraform import ferry_cloudstack_volume_storage.archive eda0f856-3169-4c6d-83d9-e5d96faefd23
