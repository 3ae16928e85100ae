#!/usr/bin/env python3
"""Does offline what `sam package` and the CloudFormation SAM transform do, so the template can be created as a
stack in the local emulator (whose CloudFormation ignores `Transform`).

    python3 sam_transform.py --template template.yaml --bucket BUCKET --output transformed.json \
        [--parameter Key=Value ...]

1. package: every AWS::Serverless::Function CodeUri that names a local file (the shaded jars `mvn package`
   builds) is uploaded to s3://BUCKET/<md5 of the file> (the key `sam package` uses) and the CodeUri is
   rewritten to that S3 URI. The bucket is created when missing (as `resolve_s3` does). The S3 calls go
   wherever boto3 is pointed (AWS_ENDPOINT_URL).
2. transform: aws-sam-translator expands the SAM resources into plain CloudFormation. It needs no AWS call:
   the functions have their own roles, so no managed policy is looked up; the loader below fails loudly if
   the template ever starts needing one.

Writes the transformed template as JSON to --output and prints one summary line per function.
"""
import argparse
import hashlib
import json
import os
import sys

import boto3
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The template attaches no AWS managed policy; a lookup means it started to, which must not go unnoticed."""

    def load(self):
        raise RuntimeError("the template asks the SAM transform for AWS managed policies; "
                           "give each function its own role instead (least privilege)")


def parse_args(argv):
    parser = argparse.ArgumentParser(description="sam package + SAM transform, offline")
    parser.add_argument("--template", required=True)
    parser.add_argument("--bucket", required=True, help="S3 bucket the code artifacts are uploaded to")
    parser.add_argument("--output", required=True, help="file the transformed template is written to (JSON)")
    parser.add_argument("--parameter", action="append", default=[], metavar="KEY=VALUE",
                        help="parameter value for the transform (as `sam deploy --parameter-overrides`)")
    return parser.parse_args(argv)


def md5_of(path):
    digest = hashlib.md5()
    with open(path, "rb") as artifact:
        for chunk in iter(lambda: artifact.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_bucket(s3, bucket):
    try:
        s3.head_bucket(Bucket=bucket)
    except s3.exceptions.ClientError:
        s3.create_bucket(Bucket=bucket)


def package(template, template_dir, bucket, s3):
    uploaded = {}
    for logical_id, resource in template.get("Resources", {}).items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        code_uri = resource.get("Properties", {}).get("CodeUri")
        if not isinstance(code_uri, str) or code_uri.startswith("s3://"):
            continue
        artifact = os.path.normpath(os.path.join(template_dir, code_uri))
        if not os.path.isfile(artifact):
            raise SystemExit(f"{logical_id}: CodeUri {code_uri} does not exist ({artifact}); run `mvn package` first")
        if artifact not in uploaded:
            key = md5_of(artifact)
            with open(artifact, "rb") as body:
                s3.put_object(Bucket=bucket, Key=key, Body=body)
            uploaded[artifact] = f"s3://{bucket}/{key}"
        resource["Properties"]["CodeUri"] = uploaded[artifact]
        print(f"{logical_id}\t{code_uri}\t{uploaded[artifact]}\t{os.path.getsize(artifact)}")
    return template


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    with open(args.template, encoding="utf-8") as source:
        template = yaml_parse(source.read())
    parameters = dict(item.split("=", 1) for item in args.parameter)
    s3 = boto3.client("s3")
    ensure_bucket(s3, args.bucket)
    packaged = package(template, os.path.dirname(os.path.abspath(args.template)), args.bucket, s3)
    transformed = transform(packaged, parameters, NoManagedPolicies())
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(transformed, out, separators=(",", ":"))


if __name__ == "__main__":
    main()
