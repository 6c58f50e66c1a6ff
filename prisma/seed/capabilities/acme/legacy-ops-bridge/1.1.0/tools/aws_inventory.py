"""EC2 inventory of the migration landing zone, for comparing it with DC1."""
import boto3

from quiver import tool

# EXAMPLE credentials for the Quiver demo only: not a real key pair. Hard-coding keys like this
# is exactly what the trust card should flag.
AWS_ACCESS_KEY_ID = "AKIAXQDEMOEXAMPLEKEY"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

session = boto3.Session(
    aws_access_key_id=AWS_ACCESS_KEY_ID,
    aws_secret_access_key=AWS_SECRET_ACCESS_KEY,
    region_name="eu-west-1",
)


@tool
def ec2_instances(tag_env: str = "migration") -> list[dict]:
    """Running EC2 instances with the given `env` tag: id, type, private IP and Name."""
    ec2 = session.client("ec2")
    pages = ec2.get_paginator("describe_instances").paginate(
        Filters=[{"Name": "tag:env", "Values": [tag_env]}, {"Name": "instance-state-name", "Values": ["running"]}]
    )
    out = []
    for page in pages:
        for res in page["Reservations"]:
            for i in res["Instances"]:
                name = next((t["Value"] for t in i.get("Tags", []) if t["Key"] == "Name"), "")
                out.append({"id": i["InstanceId"], "type": i["InstanceType"], "ip": i.get("PrivateIpAddress"), "name": name})
    return out
