# A detached volume lives on another pool of the same cluster (migrateVolume).
resource "ferry_cloudstack_volume_storage" "archive" {
  volume_id       = "eda0f856-3169-4c6d-83d9-e5d96faefd23"
  storage_pool_id = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
}
