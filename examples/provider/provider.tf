terraform {
  required_providers {
    ferry = {
      source = "registry.terraform.io/ferry-iac/ferry"
    }
  }
}

# Every setting can also come from the environment (CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY,
# CLOUDSTACK_SECRET_KEY, …); then the block can stay empty or be left out.
provider "ferry" {
  cloudstack {
    api_url    = "https://cloud.example.com/client/api"
    api_key    = var.cloudstack_api_key
    secret_key = var.cloudstack_secret_key
  }
}

variable "cloudstack_api_key" {
  type      = string
  sensitive = true
}

variable "cloudstack_secret_key" {
  type      = string
  sensitive = true
}
