"""The two equivalent user scripts that typecheck_bench.py checks, one per side.

Both call describe_instances, list_objects_v2, put_object, get_object, put_item and
get_item and read the same fields: one through the generated typed clients (``PACKAGE``
is replaced by the package's name), one through boto3 with the types of boto3-stubs.
Each must pass ``mypy --strict`` and pyright strict without an error, so the benchmark
times the same work on both sides.
"""

BINDINGS_SCRIPT = '''\
"""A user's script: instances, objects and items through the typed clients."""

from __future__ import annotations

from PACKAGE.dynamodb import AttributeValue, DynamoDBClient
from PACKAGE.ec2 import EC2Client, Filter
from PACKAGE.s3 import S3Client


def running_instances(ec2: EC2Client) -> list[str]:
    result = ec2.describe_instances(
        filters=[Filter(name="instance-state-name", values=["running"])]
    )
    ids: list[str] = []
    for reservation in result.reservations or []:
        for instance in reservation.instances or []:
            if instance.instance_id is not None:
                ids.append(instance.instance_id)
    return ids


def object_sizes(s3: S3Client, bucket: str) -> dict[str, int]:
    sizes: dict[str, int] = {}
    listing = s3.list_objects_v2(bucket=bucket, prefix="reports/")
    for obj in listing.contents or []:
        if obj.key is not None and obj.size is not None:
            sizes[obj.key] = obj.size
    return sizes


def store(s3: S3Client, bucket: str, key: str, data: bytes) -> str | None:
    return s3.put_object(bucket=bucket, key=key, body=data).e_tag


def load(s3: S3Client, bucket: str, key: str) -> bytes:
    body = s3.get_object(bucket=bucket, key=key).body
    return body.read() if body is not None else b""


def remember(dynamodb: DynamoDBClient, table: str, instance_id: str) -> None:
    dynamodb.put_item(
        table_name=table,
        item={"id": AttributeValue(s=instance_id), "seen": AttributeValue(n="1")},
    )


def seen(dynamodb: DynamoDBClient, table: str, instance_id: str) -> bool:
    result = dynamodb.get_item(
        table_name=table, key={"id": AttributeValue(s=instance_id)}
    )
    return result.item is not None


def main() -> None:
    ec2 = EC2Client.create(region_name="us-east-1")
    s3 = S3Client.create(region_name="us-east-1")
    dynamodb = DynamoDBClient.create(region_name="us-east-1")
    for instance_id in running_instances(ec2):
        if not seen(dynamodb, "instances", instance_id):
            remember(dynamodb, "instances", instance_id)
            store(s3, "reports", f"reports/{instance_id}", instance_id.encode())
    print(object_sizes(s3, "reports"), load(s3, "reports", "reports/index"))


if __name__ == "__main__":
    main()
'''

STUBS_SCRIPT = '''\
"""A user's script: instances, objects and items through boto3 and boto3-stubs."""

from __future__ import annotations

import boto3
from mypy_boto3_dynamodb import DynamoDBClient
from mypy_boto3_ec2 import EC2Client
from mypy_boto3_s3 import S3Client


def running_instances(ec2: EC2Client) -> list[str]:
    result = ec2.describe_instances(
        Filters=[{"Name": "instance-state-name", "Values": ["running"]}]
    )
    ids: list[str] = []
    for reservation in result.get("Reservations", []):
        for instance in reservation.get("Instances", []):
            if "InstanceId" in instance:
                ids.append(instance["InstanceId"])
    return ids


def object_sizes(s3: S3Client, bucket: str) -> dict[str, int]:
    sizes: dict[str, int] = {}
    listing = s3.list_objects_v2(Bucket=bucket, Prefix="reports/")
    for obj in listing.get("Contents", []):
        if "Key" in obj and "Size" in obj:
            sizes[obj["Key"]] = obj["Size"]
    return sizes


def store(s3: S3Client, bucket: str, key: str, data: bytes) -> str | None:
    return s3.put_object(Bucket=bucket, Key=key, Body=data).get("ETag")


def load(s3: S3Client, bucket: str, key: str) -> bytes:
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


def remember(dynamodb: DynamoDBClient, table: str, instance_id: str) -> None:
    dynamodb.put_item(
        TableName=table, Item={"id": {"S": instance_id}, "seen": {"N": "1"}}
    )


def seen(dynamodb: DynamoDBClient, table: str, instance_id: str) -> bool:
    result = dynamodb.get_item(TableName=table, Key={"id": {"S": instance_id}})
    return "Item" in result


def main() -> None:
    # boto3.client's overloads for the services not installed are Unknown to
    # pyright strict: a known limit of partial boto3-stubs installs.
    ec2: EC2Client = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "ec2", region_name="us-east-1"
    )
    s3: S3Client = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "s3", region_name="us-east-1"
    )
    dynamodb: DynamoDBClient = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "dynamodb", region_name="us-east-1"
    )
    for instance_id in running_instances(ec2):
        if not seen(dynamodb, "instances", instance_id):
            remember(dynamodb, "instances", instance_id)
            store(s3, "reports", f"reports/{instance_id}", instance_id.encode())
    print(object_sizes(s3, "reports"), load(s3, "reports", "reports/index"))


if __name__ == "__main__":
    main()
'''
