# web-01 boots from a new root disk. The plan lists stopVirtualMachine, detachVolume, attachVolume
# deviceid=0 and startVirtualMachine; the stop is disruptive, so it needs allow_stop.
resource "ferry_cloudstack_root_volume" "web" {
  virtual_machine_id = "7ea77a03-7355-40bd-82c9-3d6f55b7c526"
  volume_id          = "3e51ec74-27ea-4292-8a6c-339655a2befe"
  allow_stop         = true
  start              = true

  timeouts = {
    update = "45m"
  }
}
