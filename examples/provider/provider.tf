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

  # Danube Cloud: ES_API_URL and ES_API_KEY (the variable Danube's es client reads) work too.
  danube {
    api_url = "https://danube.example.com/api"
    api_key = var.danube_api_key
  }

  # Velostrata: VELOSTRATA_URL, VELOSTRATA_SUBSCRIPTION_ID, VELOSTRATA_API_VERSION work too. Managers
  # use self-signed certificates: give their CA in ca_cert.
  velostrata {
    url             = "https://velostrata-mgr.example.com"
    subscription_id = var.velostrata_subscription_id
    api_version     = "v45"
    ca_cert         = file("velostrata-ca.pem")
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

variable "danube_api_key" {
  type      = string
  sensitive = true
}

variable "velostrata_subscription_id" {
  type      = string
  sensitive = true
}
