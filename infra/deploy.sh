#!/usr/bin/env bash
# Builds the three function.zips and deploys the stack for one environment of samconfig.toml.
#
#   infra/deploy.sh dev                           # build, then sam deploy --config-env dev
#   infra/deploy.sh prod                          # prod asks to confirm the change set (samconfig.toml)
#   SKIP_BUILD=1 infra/deploy.sh dev              # deploy already built function.zips (CI)
#   infra/deploy.sh prod --no-confirm-changeset   # extra arguments go to `sam deploy`
#
# Needs: AWS credentials for the target account, SAM CLI, python3 (3.11+, to read samconfig.toml),
# JDK 25 (bin/java-env finds it). The secret named by PlatformSecretName must exist first
# (infra/put-secrets.sh).
#
# DeployRevision: SAM publishes a new Lambda version (and SnapStart snapshot) when the code or the
# template text changes, but not when only a parameter value or the value behind a
# {{resolve:secretsmanager:...}} reference changes, and the `live` alias keeps the old version. This
# script passes DeployRevision = hash of function.zip, template.yaml, samconfig.toml and the secret's
# current version id, so any of those changing publishes new versions with the new settings.
set -euo pipefail
cd "$(dirname "$0")/.."

ENV_NAME="${1:-}"
case "$ENV_NAME" in
  dev|prod) shift ;;
  *) echo "usage: infra/deploy.sh dev|prod [sam deploy arguments...]" >&2; exit 2 ;;
esac
for tool in sam aws python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required (see infra/README.md)" >&2; exit 2; }
done

if [ "${SKIP_BUILD:-}" != "1" ]; then
  # shellcheck source=bin/java-env
  source bin/java-env
  # Unit and integration tests run in CI (and with bin/test); this builds the artifact only.
  ./mvnw -B -ntp package -DskipTests
fi
for zip in webhooks/target/function.zip http-api/target/function.zip workers/target/function.zip; do
  [ -f "$zip" ] || { echo "$zip missing: build with ./mvnw package" >&2; exit 1; }
done

# The environment's parameter_overrides from samconfig.toml, one per NUL-terminated item, so that
# DeployRevision can be added to them (`--parameter-overrides` on the command line replaces the file's).
OVERRIDES=()
while IFS= read -r -d '' item; do OVERRIDES+=("$item"); done < <(python3 - "$ENV_NAME" <<'PY'
import sys, tomllib
with open("samconfig.toml", "rb") as f:
    config = tomllib.load(f)
overrides = config[sys.argv[1]]["deploy"]["parameters"].get("parameter_overrides", [])
for item in ([overrides] if isinstance(overrides, str) else overrides):
    sys.stdout.write(item + "\0")
PY
)

SECRET_NAME=""
for item in "${OVERRIDES[@]}"; do
  case "$item" in PlatformSecretName=*) SECRET_NAME="${item#PlatformSecretName=}" ;; esac
done
[ -n "$SECRET_NAME" ] || { echo "samconfig.toml [$ENV_NAME] sets no PlatformSecretName" >&2; exit 1; }
REGION="$(python3 -c 'import sys,tomllib; print(tomllib.load(open("samconfig.toml","rb"))[sys.argv[1]]["deploy"]["parameters"]["region"])' "$ENV_NAME")"

# Version ids only (never the secret's value).
if ! SECRET_VERSIONS="$(aws secretsmanager describe-secret --region "$REGION" --secret-id "$SECRET_NAME" \
      --query 'VersionIdsToStages' --output json)"; then
  echo "secret $SECRET_NAME not readable in $REGION: create it with infra/put-secrets.sh $ENV_NAME" >&2
  exit 1
fi

REVISION="$( { sha256sum webhooks/target/function.zip http-api/target/function.zip workers/target/function.zip template.yaml samconfig.toml; echo "$SECRET_VERSIONS"; } \
  | sha256sum | cut -c1-16)"
echo "Deploying $ENV_NAME (DeployRevision $REVISION)"

sam deploy --config-env "$ENV_NAME" --template-file template.yaml \
  --parameter-overrides "${OVERRIDES[@]}" "DeployRevision=$REVISION" "$@"
