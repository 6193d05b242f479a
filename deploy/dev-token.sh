#!/usr/bin/env bash
# Prints a dev JWT signed with deploy/dev-keys (the key the services trust outside production).
# Usage: deploy/dev-token.sh [tenant=demo] [employee=alice] [roles=admin,manager,sales] [department=sales-emea]
# Example: curl -H "Authorization: Bearer $(deploy/dev-token.sh)" localhost:8081/opportunities
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tenant=${1:-demo}
employee=${2:-alice}
roles=${3:-admin,manager,sales}
department=${4:-sales-emea}

b64url() { openssl base64 -e -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
groups=$(printf '%s' "$roles" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?",":""), $i}}')
header='{"alg":"RS256","typ":"JWT"}'
payload=$(printf '{"iss":"https://oppsuite.io/issuer","sub":"%s","upn":"%s","tenant":"%s","department":"%s","groups":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$employee" "$employee" "$tenant" "$department" "$groups" "$now" "$((now + 86400))" "$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')")
unsigned="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$here/dev-keys/dev-jwt-private.pem" -binary | b64url)
printf '%s.%s\n' "$unsigned" "$signature"
