"""Nightly report: counts yesterday's invoices and writes a CSV to S3."""
import csv
import datetime as dt
import io

import boto3

s3 = boto3.client(
    "s3",
    region_name="us-east-1",
    aws_access_key_id="AKIAALIO7YWXQRKHZ2C2",
    aws_secret_access_key="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",
)


def main(bucket: str = "demo-invoices") -> None:
    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="invoices/").get("Contents", [])]
    buf = io.StringIO()
    csv.writer(buf).writerows([["day", "invoices"], [day, len(keys)]])
    s3.put_object(Bucket=bucket, Key=f"reports/{day}.csv", Body=buf.getvalue().encode())


if __name__ == "__main__":
    main()
