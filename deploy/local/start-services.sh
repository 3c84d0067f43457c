#!/usr/bin/env bash
# Starts the distributed services against the servers of a directory made by start-servers.sh:
# the Scanner (worker; SCANNER_REPLICAS of them, default 1, on 127.0.0.1:5081, 5082, ...), the
# Api (127.0.0.1:5080) and the Notifier (worker, 127.0.0.1:5090; NOTIFIER_REPLICAS, default 1);
# MODERATION_SCANNER_PORT, MODERATION_API_PORT and MODERATION_NOTIFIER_PORT move them. Builds them
# first (Release) unless MODERATION_NO_BUILD=1. MODERATION_ADMIN_KEY (24 characters or more) gives
# the Api an administrator's API key named local-admin, for tools on this machine such as
# `moderation load` (it registers its boards through the API with it).
#
#   deploy/local/start-services.sh [<servers dir>]     (default: $MODERATION_SERVERS_DIR)
#
# Logs and pid files go to <servers dir>/services; stop-services.sh (or stop-servers.sh) stops them.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
. "$here/lib.sh"
root=$(cd "$here/../.." && pwd)

dir=${1:-${MODERATION_SERVERS_DIR:-}}
if [[ -z $dir || ! -f $dir/env ]]; then
  mod_error "no env file in '${dir}': start the servers first (deploy/local/start-servers.sh), then pass their directory"
  exit 1
fi
dir=$(cd "$dir" && pwd)
replicas=${SCANNER_REPLICAS:-1}
api_port=${MODERATION_API_PORT:-5080}
scanner_port=${MODERATION_SCANNER_PORT:-5081}
notifier_port=${MODERATION_NOTIFIER_PORT:-5090}
notifiers=${NOTIFIER_REPLICAS:-1}
if ! [[ $notifiers =~ ^[1-9][0-9]*$ ]]; then
  mod_error "NOTIFIER_REPLICAS must be a number >= 1, not '$notifiers'"
  exit 1
fi
if ! [[ $replicas =~ ^[1-9][0-9]*$ ]]; then
  mod_error "SCANNER_REPLICAS must be a number >= 1, not '$replicas'"
  exit 1
fi

admin_key=${MODERATION_ADMIN_KEY:-}
if [[ -n $admin_key && ${#admin_key} -lt 24 ]]; then
  mod_error "MODERATION_ADMIN_KEY must be 24 characters or more (the Api refuses shorter keys)"
  exit 1
fi

dll() { echo "$root/services/$1/bin/Release/net10.0/$1.dll"; }

mkdir -p "$dir/services"
if [[ ${MODERATION_NO_BUILD:-} != 1 ]]; then
  for project in Moderation.Scanner Moderation.Api Moderation.Notifier; do
    mod_say "building $project (Release)"
    if ! dotnet build "$root/services/$project/$project.csproj" -c Release -nologo >"$dir/services/build-$project.log" 2>&1; then
      mod_fail_log "building $project failed" "$dir/services/build-$project.log"
      exit 1
    fi
  done
fi
for project in Moderation.Scanner Moderation.Api Moderation.Notifier; do
  if [[ ! -f $(dll "$project") ]]; then
    mod_error "$(dll "$project") does not exist: build it (dotnet build services/$project -c Release)"
    exit 1
  fi
done

pids=()
for ((i = 1; i <= replicas; i++)); do
  mod_service_start "$dir" "scanner-$i" "$(dll Moderation.Scanner)" $((scanner_port + i - 1)) MODERATION_SCANNER_PORT &
  pids+=($!)
done
(
  if [[ -n $admin_key ]]; then
    export Moderation__Security__ApiKeys__0__Name=local-admin Moderation__Security__ApiKeys__0__Role=admin
    export Moderation__Security__ApiKeys__0__Key=$admin_key
  fi
  mod_service_start "$dir" api "$(dll Moderation.Api)" "$api_port" MODERATION_API_PORT
) &
pids+=($!)
for ((i = 1; i <= notifiers; i++)); do
  mod_service_start "$dir" "notifier-$i" "$(dll Moderation.Notifier)" $((notifier_port + i - 1)) MODERATION_NOTIFIER_PORT &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
if ((failed)); then
  mod_error "not all services started; stopping them (logs kept in $dir/services)"
  mod_services_stop "$dir"
  exit 1
fi
mod_say "services ready: api http://127.0.0.1:$api_port, $replicas scanner(s) from http://127.0.0.1:$scanner_port, $notifiers notifier(s) from http://127.0.0.1:$notifier_port"
