#!/usr/bin/env bash
# Fails early, with the fix, when a tool the tests and the demo need is missing.
set -euo pipefail
missing=0
if ! command -v mvn >/dev/null 2>&1; then
  echo "Maven is missing: install it with 'apt-get install -y maven'." >&2
  missing=1
fi
if ! command -v make >/dev/null 2>&1; then
  echo "make is missing (sam build and the local runner build the functions with the Makefile): apt-get install -y make" >&2
  missing=1
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 is missing: install it with 'apt-get install -y python3 python3-pip'." >&2
  missing=1
elif ! python3 -c 'import moto, boto3, samtranslator' >/dev/null 2>&1; then
  echo "The local AWS emulator needs moto 5.2.1, boto3 and aws-sam-translator for python3:" >&2
  echo "  python3 -m pip install 'moto[server]==5.2.1' boto3 aws-sam-translator cfn-lint" >&2
  missing=1
fi
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is missing: python3 -m pip install cfn-lint" >&2
  missing=1
fi
exit "$missing"
