#!/usr/bin/env bash
# Posts one dossier and one event to the one-stop integration API, signed as
# docs/one-stop-integration.md describes. Needs bash, curl and openssl.
#
#   BASE_URL=http://localhost:3000 INTEGRATION_ID=<id> SECRET=<secret> docs/examples/one-stop-post.sh
#
# PROCEDURE_CODE must be a national procedure code in the province's catalogue (default 1.001193).
set -euo pipefail

: "${BASE_URL:=http://localhost:3000}"
: "${INTEGRATION_ID:?set INTEGRATION_ID to the id shown in the console}"
: "${SECRET:?set SECRET to the secret shown once in the console}"
: "${PROCEDURE_CODE:=1.001193}"

# signed_post PATH BODY: X-Signature = hex HMAC-SHA256(secret, "<timestamp>.<raw body>").
# The body is signed exactly as sent: printf keeps its bytes, curl --data-binary sends them unchanged.
signed_post() {
  local path=$1 body=$2 timestamp signature
  timestamp=$(date +%s)
  signature=$(printf '%s.%s' "$timestamp" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.*= //')
  curl --silent --show-error --write-out '\nHTTP %{http_code}\n' \
    -X POST "$BASE_URL$path" \
    -H 'Content-Type: application/json' \
    -H "X-Integration-Id: $INTEGRATION_ID" \
    -H "X-Timestamp: $timestamp" \
    -H "X-Signature: $signature" \
    --data-binary "$body"
}

external_id="demo-$(date +%s)"
day=$(date -u +%y%m%d)
code="000.00.30.H55-${day}-$(printf '%04d' $((RANDOM % 10000)))"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)

echo "== dossier $code"
signed_post /api/integrations/one-stop/dossiers "$(cat <<JSON
{"externalId":"$external_id","code":"$code","procedureCode":"$PROCEDURE_CODE","agencyCode":"000.00.30.H55","applicant":{"name":"Lê Văn Hưởng","phone":"0987000111","idNumber":"072090001111","address":"Ấp Bình Hòa"},"submittedAt":"$now","status":"received"}
JSON
)"

echo "== event: supplement requested"
event='{"eventId":"'"$external_id"'-1","externalId":"'"$external_id"'","eventTime":"'"$now"'","kind":"supplement_requested","note":"Bổ sung bản sao giấy chứng sinh","items":["Bản sao giấy chứng sinh có chứng thực"]}'
signed_post /api/integrations/one-stop/events "$event"

echo "== the same event again (idempotent: duplicate=true)"
signed_post /api/integrations/one-stop/events "$event"
