#!/usr/bin/env bash
# Creates or updates the platform secret of one environment in AWS Secrets Manager, from environment
# variables. Values are never printed and never put on a command line (they go through a private
# temporary file). A variable that is not set keeps the value already stored, so one token can be
# rotated on its own. Deploy afterwards (infra/deploy.sh) for the functions to pick the new values up.
#
#   export META_APP_SECRET=... META_VERIFY_TOKEN=... X_CONSUMER_SECRET=...
#   export META_PAGE_ACCESS_TOKEN=... INSTAGRAM_ACCESS_TOKEN=... WHATSAPP_ACCESS_TOKEN=... X_ACCESS_TOKEN=...
#   export PHOTOS_LINK_SECRET=$(openssl rand -hex 32) RESIDENT_KEY_SECRET=$(openssl rand -hex 32)
#   optional (stored as "unset", which the application reads as absent, unless given):
#   export OPEN311_API_KEY=...   the key the council's CRM or works system sends to see photo links (README "Photos")
#   export WORKS_HIGHWAYS_API_KEY=...   the api_key we send to the highways works system over Open311 (README "Works system")
#   export X_CONSUMER_KEY=... X_OAUTH1_ACCESS_TOKEN=... X_OAUTH1_TOKEN_SECRET=...   X direct-message photos (OAuth 1.0a)
#   infra/put-secrets.sh dev            # secret council-inbox/dev/platform in eu-west-2
#
# Rotating the resident key secret (docs/privacy.md, "Rotating the resident key"):
#   ROTATE_RESIDENT_KEY=1 infra/put-secrets.sh prod    # stored secret becomes the previous one; a new one is made
#   ... deploy, wait for "Resident key rotation ... finished" in the pending-replies function's log, then:
#   RESIDENT_KEY_PREVIOUS_SECRET=unset infra/put-secrets.sh prod
#
# SECRET_NAME and AWS_REGION override the name and region. Needs the AWS CLI and python3.
set -euo pipefail

ENV_NAME="${1:-}"
case "$ENV_NAME" in
  dev|prod) ;;
  *) echo "usage: infra/put-secrets.sh dev|prod" >&2; exit 2 ;;
esac
SECRET_NAME="${SECRET_NAME:-council-inbox/$ENV_NAME/platform}"
REGION="${AWS_REGION:-eu-west-2}"
KEYS=(META_APP_SECRET META_VERIFY_TOKEN X_CONSUMER_SECRET META_PAGE_ACCESS_TOKEN INSTAGRAM_ACCESS_TOKEN WHATSAPP_ACCESS_TOKEN X_ACCESS_TOKEN PHOTOS_LINK_SECRET OPEN311_API_KEY X_CONSUMER_KEY X_OAUTH1_ACCESS_TOKEN X_OAUTH1_TOKEN_SECRET WORKS_HIGHWAYS_API_KEY RESIDENT_KEY_SECRET RESIDENT_KEY_PREVIOUS_SECRET)
export SECRET_KEYS="${KEYS[*]}"
# Keys a deployment may go without; template.yaml still resolves them, so they are stored as "unset" (read as absent).
export OPTIONAL_KEYS="OPEN311_API_KEY X_CONSUMER_KEY X_OAUTH1_ACCESS_TOKEN X_OAUTH1_TOKEN_SECRET WORKS_HIGHWAYS_API_KEY RESIDENT_KEY_PREVIOUS_SECRET"

umask 077
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

exists=0
if aws secretsmanager describe-secret --region "$REGION" --secret-id "$SECRET_NAME" >/dev/null 2>&1; then
  exists=1
  # The current value, to keep the keys not given now (written to the private file, not shown).
  aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_NAME" \
    --query SecretString --output text > "$WORK/current.json"
else
  echo '{}' > "$WORK/current.json"
fi

# Merge: the environment's values over the stored ones. Prints only key names.
python3 - "$WORK/current.json" "$WORK/new.json" <<'PY'
import json, os, secrets, sys
current_path, new_path = sys.argv[1], sys.argv[2]
with open(current_path) as f:
    text = f.read().strip()
current = json.loads(text) if text and text != "None" else {}
keys = os.environ["SECRET_KEYS"].split()
changed, kept, missing = [], [], []
if os.environ.get("ROTATE_RESIDENT_KEY") == "1":
    if not current.get("RESIDENT_KEY_SECRET"):
        sys.exit("ROTATE_RESIDENT_KEY: no RESIDENT_KEY_SECRET is stored yet to rotate")
    if current.get("RESIDENT_KEY_PREVIOUS_SECRET", "unset") != "unset":
        sys.exit("ROTATE_RESIDENT_KEY: a rotation is under way (RESIDENT_KEY_PREVIOUS_SECRET is set); finish it first")
    if os.environ.get("RESIDENT_KEY_SECRET") or os.environ.get("RESIDENT_KEY_PREVIOUS_SECRET"):
        sys.exit("ROTATE_RESIDENT_KEY makes both resident key values itself: do not export them")
    current["RESIDENT_KEY_PREVIOUS_SECRET"] = current["RESIDENT_KEY_SECRET"]
    current["RESIDENT_KEY_SECRET"] = secrets.token_hex(32)
    changed += ["RESIDENT_KEY_SECRET (new)", "RESIDENT_KEY_PREVIOUS_SECRET (the one before)"]
    keys = [k for k in keys if k not in ("RESIDENT_KEY_SECRET", "RESIDENT_KEY_PREVIOUS_SECRET")]
for key in keys:
    value = os.environ.get(key)
    if value:
        current[key] = value
        changed.append(key)
    elif current.get(key):
        kept.append(key)
    elif key in os.environ["OPTIONAL_KEYS"].split():
        current[key] = "unset"
        kept.append(key + " (unset)")
    else:
        missing.append(key)
if missing:
    sys.exit("no value for " + ", ".join(missing) + ": export them (a deploy would fail to resolve them)")
with open(new_path, "w") as f:
    json.dump(current, f)
print("setting: " + (", ".join(changed) or "nothing") + "; keeping: " + (", ".join(kept) or "nothing"))
PY

if [ "$exists" = 1 ]; then
  aws secretsmanager put-secret-value --region "$REGION" --secret-id "$SECRET_NAME" \
    --secret-string "file://$WORK/new.json" --query VersionId --output text >/dev/null
  echo "updated $SECRET_NAME in $REGION; now run infra/deploy.sh $ENV_NAME"
else
  aws secretsmanager create-secret --region "$REGION" --name "$SECRET_NAME" \
    --description "council-inbox $ENV_NAME platform secrets (template.yaml PlatformSecretName)" \
    --secret-string "file://$WORK/new.json" --query ARN --output text >/dev/null
  echo "created $SECRET_NAME in $REGION"
fi
