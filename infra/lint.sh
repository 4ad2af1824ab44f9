#!/usr/bin/env bash
# Lints template.yaml with cfn-lint (AWS's CloudFormation linter, which also runs the SAM transform).
# cfn-lint is a Python package: Debian 12 does not package it and npm has no official one, so it is
# taken from the machine (the project's machine images have it) or installed with pip / pipx where PyPI
# is reachable: `pipx install cfn-lint` or `python3 -m pip install --user cfn-lint`.
# Settings: .cfnlintrc at the repository root (currently none are needed).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cfn-lint >/dev/null 2>&1; then
  if [ "${CFN_LINT_INSTALL:-}" = "pip" ] && command -v python3 >/dev/null 2>&1; then
    python3 -m pip install --quiet --user cfn-lint
    export PATH="$HOME/.local/bin:$PATH"
  fi
fi
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint not found. Install it with 'pipx install cfn-lint' or 'python3 -m pip install --user cfn-lint'" >&2
  echo "(or run this script with CFN_LINT_INSTALL=pip). Debian 12 has no cfn-lint package." >&2
  exit 2
fi

echo "cfn-lint $(cfn-lint --version 2>&1 | awk '{print $NF}'): template.yaml"
cfn-lint --regions eu-west-2 -- template.yaml
echo "cfn-lint: no errors or warnings"
