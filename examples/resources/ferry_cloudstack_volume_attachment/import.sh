# The volume id.
terraform import ferry_cloudstack_volume_attachment.rescue 134031fb-736d-4b53-8963-bdfd122235e2
