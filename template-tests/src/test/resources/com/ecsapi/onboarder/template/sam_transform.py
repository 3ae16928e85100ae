#!/usr/bin/env python3
"""Does offline what `sam package` and the CloudFormation SAM transform do, so the template can be created as a
stack in the local emulator (whose CloudFormation ignores `Transform`).

    python3 sam_transform.py --template template.yaml --bucket BUCKET --output transformed.json \
        --build-dir DIR [--parameter Key=Value ...]

1. build and package: a function whose Metadata says `BuildMethod: makefile` is built as `sam build` does,
   `make build-<LogicalId> ARTIFACTS_DIR=<build dir>/<LogicalId>` in the template's directory; its artifacts
   directory is zipped (deterministically, into the build dir) and uploaded to s3://BUCKET/<md5 of the zip>, and
   the CodeUri is rewritten to that S3 URI. A CodeUri naming a local file is uploaded as it is. The bucket is
   created when missing (as `resolve_s3` does). The S3 calls go wherever boto3 is pointed (AWS_ENDPOINT_URL).
2. transform: aws-sam-translator expands the SAM resources into plain CloudFormation. It needs no AWS call:
   the functions have their own roles, so no managed policy is looked up; the loader below fails loudly if
   the template ever starts needing one.

Writes the transformed template as JSON to --output and prints one summary line per function.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import zipfile

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
    parser.add_argument("--build-dir", required=True, help="where built functions and their zips are kept")
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


def build(template_dir, logical_id, build_dir):
    artifacts = os.path.join(build_dir, logical_id)
    os.makedirs(artifacts, exist_ok=True)
    command = ["make", "-s", "-C", template_dir, f"build-{logical_id}", f"ARTIFACTS_DIR={artifacts}"]
    if subprocess.run(command, stdout=sys.stderr).returncode != 0:
        raise SystemExit(f"{logical_id}: `{' '.join(command)}` failed")
    archive = os.path.join(build_dir, f"{logical_id}.zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for folder, _, files in sorted(os.walk(artifacts)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                entry = zipfile.ZipInfo(os.path.relpath(path, artifacts), date_time=(1980, 1, 1, 0, 0, 0))
                entry.external_attr = 0o644 << 16
                entry.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as content:
                    out.writestr(entry, content.read())
    return archive


def package(template, template_dir, bucket, s3, build_dir):
    uploaded = {}
    for logical_id, resource in template.get("Resources", {}).items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        code_uri = resource.get("Properties", {}).get("CodeUri")
        if not isinstance(code_uri, str) or code_uri.startswith("s3://"):
            continue
        if (resource.get("Metadata") or {}).get("BuildMethod") == "makefile":
            artifact = build(template_dir, logical_id, build_dir)
        else:
            artifact = os.path.normpath(os.path.join(template_dir, code_uri))
        if not os.path.isfile(artifact):
            raise SystemExit(f"{logical_id}: CodeUri {code_uri} does not exist ({artifact}); run `mvn package` first")
        key = md5_of(artifact)
        if key not in uploaded:
            with open(artifact, "rb") as body:
                s3.put_object(Bucket=bucket, Key=key, Body=body)
            uploaded[key] = f"s3://{bucket}/{key}"
        resource["Properties"]["CodeUri"] = uploaded[key]
        print(f"{logical_id}\t{artifact}\t{uploaded[key]}\t{os.path.getsize(artifact)}")
    return template


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    with open(args.template, encoding="utf-8") as source:
        template = yaml_parse(source.read())
    parameters = dict(item.split("=", 1) for item in args.parameter)
    s3 = boto3.client("s3")
    ensure_bucket(s3, args.bucket)
    packaged = package(template, os.path.dirname(os.path.abspath(args.template)), args.bucket, s3, args.build_dir)
    transformed = transform(packaged, parameters, NoManagedPolicies())
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(transformed, out, separators=(",", ":"))


if __name__ == "__main__":
    main()
