terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAHORVV3ZYAPAEIIN3"
  secret_key = "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"
}

resource "aws_s3_bucket" "invoices" {
  bucket = "demo-invoices"
}

resource "aws_s3_bucket_public_access_block" "invoices" {
  bucket                  = aws_s3_bucket.invoices.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
