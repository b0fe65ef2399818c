#!/usr/bin/env bash
# Registers Invite Gate with an Entra External ID (external) tenant, or brings an earlier registration up to date:
#   1. the API app registration that Entra's calls are issued for (access token version 2, identifier URI
#      api://HOST/APP_ID) and its service principal;
#   2. the Microsoft Graph application permission CustomAuthenticationExtension.Receive.Payload, with admin consent;
#   3. the two custom authentication extensions, OnAttributeCollectionStart and OnAttributeCollectionSubmit, calling
#      https://HOST/entra/events with a 2,000 ms timeout and one retry;
#   4. both attached to the named sign-up user flow.
# Every step looks first and creates only what is missing, so running it again is harmless. At the end it prints the
# responder settings INVITEGATE_ENTRA_TENANT_ID and INVITEGATE_ENTRA_CLIENT_ID.
#
# Needs the Azure CLI signed in to the external tenant (az login --tenant TENANT --allow-no-subscriptions) as an
# administrator who may create applications, grant application permissions and edit user flows (for example
# Application Administrator plus External ID User Flow Administrator, or Global Administrator).
# With --dry-run it calls nothing (the Azure CLI need not be installed) and prints each Microsoft Graph call it would
# make; values that only a real run can know are shown as <placeholders>.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: register-entra.sh --host HOST --user-flow NAME [--app-name NAME] [--tenant-id ID] [--dry-run]

  --host HOST        the responder's public host name (output responderHost of the Bicep deployment)
  --user-flow NAME   display name of the sign-up user flow to attach the extensions to (it must exist)
  --app-name NAME    display name of the API app registration (default: Invite Gate API)
  --tenant-id ID     the external tenant's ID (default: the tenant the Azure CLI is signed in to)
  --dry-run          print the Microsoft Graph calls instead of making them
EOF
}

GRAPH=https://graph.microsoft.com
MICROSOFT_GRAPH_APP_ID=00000003-0000-0000-c000-000000000000
PAYLOAD_PERMISSION=CustomAuthenticationExtension.Receive.Payload

host=""
user_flow=""
app_name="Invite Gate API"
tenant_id=""
dry_run=false

while [ $# -gt 0 ]; do
  case "$1" in
    --host) host="${2:-}"; shift 2 ;;
    --user-flow) user_flow="${2:-}"; shift 2 ;;
    --app-name) app_name="${2:-}"; shift 2 ;;
    --tenant-id) tenant_id="${2:-}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "register-entra: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

fail_usage() {
  echo "register-entra: $1" >&2
  exit 2
}

[ -n "$host" ] || fail_usage "--host is required"
[ -n "$user_flow" ] || fail_usage "--user-flow is required"
[[ "$host" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || fail_usage "--host must be a host name, without scheme or path: $host"
# Names go into JSON bodies and into query filters: keep out the characters that would need escaping there.
for name in "$user_flow" "$app_name"; do
  [[ "$name" =~ ^[A-Za-z0-9\ ._()-]+$ ]] || fail_usage "names may hold letters, digits, blanks and ._()- only: $name"
done
if [ -n "$tenant_id" ] && ! [[ "$tenant_id" =~ ^[0-9a-fA-F-]{36}$ ]]; then
  fail_usage "--tenant-id must be a GUID: $tenant_id"
fi

say() {
  if [ "$dry_run" = true ]; then
    echo "register-entra (dry run): would have $*" >&2
  else
    echo "register-entra: $*" >&2
  fi
}

# The few characters of OData filters that must not go raw into a URL.
urlencode() {
  local text="$1"
  text="${text// /%20}"
  text="${text//\'/%27}"
  printf '%s' "$text"
}

# graph METHOD URL BODY QUERY: one Microsoft Graph call through `az rest`, printing what --query selects (tsv).
# In a dry run it prints the call and the body instead, and prints nothing.
graph() {
  local method="$1" url="$2" body="$3" query="$4"
  if [ "$dry_run" = true ]; then
    echo "DRY-RUN ${method^^} $url" >&2
    if [ -n "$body" ]; then
      printf '%s\n' "$body" | sed 's/^/    /' >&2
    fi
    if [ -n "$query" ]; then
      echo "    (reads $query)" >&2
    fi
    return 0
  fi
  local args=(rest --method "$method" --url "$url" --output tsv)
  if [ -n "$body" ]; then
    args+=(--headers "Content-Type=application/json" --body "$body")
  fi
  if [ -n "$query" ]; then
    args+=(--query "$query")
  fi
  az "${args[@]}"
}

# A value a real run would have read or created; in a dry run, a placeholder naming it.
known() {
  local value="$1" placeholder="$2"
  if [ "$dry_run" = true ]; then
    printf '<%s>' "$placeholder"
  else
    printf '%s' "$value"
  fi
}

if [ "$dry_run" = false ]; then
  command -v az >/dev/null 2>&1 || { echo "register-entra: the Azure CLI (az) is required" >&2; exit 1; }
  if [ -z "$tenant_id" ]; then
    tenant_id=$(az account show --query tenantId --output tsv)
  fi
fi
[ -n "$tenant_id" ] || tenant_id="<tenant id>"
target_url="https://$host/entra/events"

# 1. The API app registration and its service principal.
app_filter=$(urlencode "displayName eq '$app_name'")
app_object_id=$(graph get "$GRAPH/v1.0/applications?\$filter=$app_filter&\$select=id,appId" "" "value[0].id")
if [ -z "$app_object_id" ] || [ "$app_object_id" = "None" ]; then
  app_object_id=$(graph post "$GRAPH/v1.0/applications" \
    "{\"displayName\": \"$app_name\", \"signInAudience\": \"AzureADMyOrg\"}" "id")
  say "created the app registration '$app_name'"
else
  say "found the app registration '$app_name'"
fi
app_object_id=$(known "$app_object_id" "application object id")
app_id=$(graph get "$GRAPH/v1.0/applications/$app_object_id?\$select=appId" "" "appId")
app_id=$(known "$app_id" "application (client) id")
identifier_uri="api://$host/$app_id"

# 2. Microsoft Graph's service principal and the id of the permission among its app roles.
graph_filter=$(urlencode "appId eq '$MICROSOFT_GRAPH_APP_ID'")
graph_sp_id=$(graph get "$GRAPH/v1.0/servicePrincipals?\$filter=$graph_filter&\$select=id" "" "value[0].id")
graph_sp_id=$(known "$graph_sp_id" "Microsoft Graph service principal id")
payload_role_id=$(graph get "$GRAPH/v1.0/servicePrincipals/$graph_sp_id?\$select=appRoles" "" \
  "appRoles[?value=='$PAYLOAD_PERMISSION'].id | [0]")
payload_role_id=$(known "$payload_role_id" "$PAYLOAD_PERMISSION app role id")

graph patch "$GRAPH/v1.0/applications/$app_object_id" "{
  \"identifierUris\": [\"$identifier_uri\"],
  \"api\": {\"requestedAccessTokenVersion\": 2},
  \"requiredResourceAccess\": [{
    \"resourceAppId\": \"$MICROSOFT_GRAPH_APP_ID\",
    \"resourceAccess\": [{\"id\": \"$payload_role_id\", \"type\": \"Role\"}]
  }]
}" "" >/dev/null
say "set identifier URI $identifier_uri, access token version 2 and the $PAYLOAD_PERMISSION permission"

sp_filter=$(urlencode "appId eq '$app_id'")
api_sp_id=$(graph get "$GRAPH/v1.0/servicePrincipals?\$filter=$sp_filter&\$select=id" "" "value[0].id")
if [ -z "$api_sp_id" ] || [ "$api_sp_id" = "None" ]; then
  api_sp_id=$(graph post "$GRAPH/v1.0/servicePrincipals" "{\"appId\": \"$app_id\"}" "id")
  say "created the service principal of '$app_name'"
else
  say "found the service principal of '$app_name'"
fi
api_sp_id=$(known "$api_sp_id" "API service principal id")

# Admin consent for an application permission is an app role assignment to the API's service principal.
consent_id=$(graph get "$GRAPH/v1.0/servicePrincipals/$api_sp_id/appRoleAssignments" "" \
  "value[?appRoleId=='$payload_role_id' && resourceId=='$graph_sp_id'].id | [0]")
if [ -z "$consent_id" ] || [ "$consent_id" = "None" ]; then
  graph post "$GRAPH/v1.0/servicePrincipals/$graph_sp_id/appRoleAssignedTo" "{
  \"principalId\": \"$api_sp_id\",
  \"resourceId\": \"$graph_sp_id\",
  \"appRoleId\": \"$payload_role_id\"
}" "id" >/dev/null
  say "granted admin consent for $PAYLOAD_PERMISSION"
else
  say "admin consent for $PAYLOAD_PERMISSION was already granted"
fi

# 3. The two custom authentication extensions (Microsoft Graph beta, where user flows are managed).
extensions_url="$GRAPH/beta/identity/customAuthenticationExtensions"

# upsert_extension KIND: KIND is Start or Submit; prints the extension's id.
upsert_extension() {
  local kind="$1" odata_type display_name body id
  odata_type="#microsoft.graph.onAttributeCollection${kind}CustomExtension"
  display_name="$app_name - OnAttributeCollection$kind"
  body="{
  \"@odata.type\": \"$odata_type\",
  \"displayName\": \"$display_name\",
  \"description\": \"Invite Gate: lets only invited people sign up (OnAttributeCollection$kind).\",
  \"endpointConfiguration\": {
    \"@odata.type\": \"#microsoft.graph.httpRequestEndpoint\",
    \"targetUrl\": \"$target_url\"
  },
  \"authenticationConfiguration\": {
    \"@odata.type\": \"#microsoft.graph.azureAdTokenAuthentication\",
    \"resourceId\": \"$identifier_uri\"
  },
  \"clientConfiguration\": {
    \"timeoutInMilliseconds\": 2000,
    \"maximumRetries\": 1
  }
}"
  id=$(graph get "$extensions_url" "" "value[?displayName=='$display_name'].id | [0]")
  if [ -z "$id" ] || [ "$id" = "None" ]; then
    id=$(graph post "$extensions_url" "$body" "id")
    say "created the custom authentication extension '$display_name' -> $target_url"
  else
    graph patch "$extensions_url/$id" "$body" "" >/dev/null
    say "updated the custom authentication extension '$display_name' -> $target_url"
  fi
  known "$id" "OnAttributeCollection$kind extension id"
}

start_extension_id=$(upsert_extension Start)
submit_extension_id=$(upsert_extension Submit)

# 4. Attach both to the sign-up user flow.
flows_url="$GRAPH/beta/identity/authenticationEventsFlows"
flow_id=$(graph get "$flows_url" "" "value[?displayName=='$user_flow'].id | [0]")
if [ "$dry_run" = false ] && { [ -z "$flow_id" ] || [ "$flow_id" = "None" ]; }; then
  echo "register-entra: no user flow named '$user_flow'; these exist:" >&2
  az rest --method get --url "$flows_url" --query "value[].displayName" --output tsv >&2
  exit 1
fi
flow_id=$(known "$flow_id" "user flow id")

for kind in Start Submit; do
  if [ "$kind" = Start ]; then extension_id=$start_extension_id; else extension_id=$submit_extension_id; fi
  graph put "$flows_url/$flow_id/microsoft.graph.externalUsersSelfServiceSignUpEventsFlow/onAttributeCollection$kind/microsoft.graph.onAttributeCollection${kind}CustomExtensionHandler/customExtension/\$ref" \
    "{\"@odata.id\": \"$extensions_url/$extension_id\"}" "" >/dev/null
  say "attached OnAttributeCollection$kind to the user flow '$user_flow'"
done

echo "register-entra: the responder's settings (export them before deploying the responder, docs/deploy.md):" >&2
echo "export INVITEGATE_ENTRA_TENANT_ID=$tenant_id"
echo "export INVITEGATE_ENTRA_CLIENT_ID=$app_id"
