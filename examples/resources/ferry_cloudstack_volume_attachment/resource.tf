# The root disk of a broken VM, attached to a rescue VM as a data disk.
resource "ferry_cloudstack_volume_attachment" "rescue" {
  volume_id          = "134031fb-736d-4b53-8963-bdfd122235e2"
  virtual_machine_id = "0f5c3a7e-2d4b-4c61-9a8e-5b7d9c1e2f30"
  detach_on_destroy  = true
}
