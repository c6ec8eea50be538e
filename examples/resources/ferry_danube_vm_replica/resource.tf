# web01 is replicated to node02 as "dr1"; the master runs on node01. The VM is named by hostname: a
# failover gives it a new UUID behind the same name, and the resource follows it.
resource "ferry_danube_vm_replica" "web" {
  vm           = "web01.example.com"
  repname      = "dr1"
  replica_node = "node02.example.com"
  master_node  = "node01.example.com"
  sleep_time   = 120
  bwlimit      = 50000000 # bytes per second

  timeouts = {
    create = "6h" # the initial sync copies every disk
  }
}

# The DR drill, as a second reviewed change: swap the two nodes and opt in to the failover. The plan
# lists PUT …/failover/ as disruptive (the master is force-stopped, the replica promoted), then the
# reinit that makes the former master the new replica. Swap them back to fail back.
#
#   replica_node   = "node01.example.com"
#   master_node    = "node02.example.com"
#   allow_failover = true
