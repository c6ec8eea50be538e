# The share server id (the original one; ferry follows the destination after a completed move).
terraform import ferry_manila_share_server_host.fs 21edf01e-575e-43c0-9c34-1a10237013bf
