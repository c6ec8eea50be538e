# <vm hostname>/<repname>, or <dc>/<vm hostname>/<repname> outside the user's current datacenter.
terraform import ferry_danube_vm_replica.web web01.example.com/dr1
