# A Manila share server (and every share on it) moves to another back end. Phase 1 copies the data;
# the switch-over (phase 2, clients may need to reconnect) runs only once `complete = true` is set —
# typically in a second, separately reviewed change.
resource "ferry_manila_share_server_host" "fs" {
  share_server_id = "21edf01e-575e-43c0-9c34-1a10237013bf"
  host            = "storage-02@netapp2"
  complete        = false
}
