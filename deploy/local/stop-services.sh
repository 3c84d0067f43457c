#!/usr/bin/env bash
# Stops the services start-services.sh started in a servers directory; the servers keep running.
#
#   deploy/local/stop-services.sh [<servers dir>]     (default: $MODERATION_SERVERS_DIR)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir=${1:-${MODERATION_SERVERS_DIR:-}}
if [[ -z $dir ]]; then
  mod_error "usage: $0 <servers dir> (or set MODERATION_SERVERS_DIR)"
  exit 2
fi
[[ -d $dir ]] || exit 0
mod_services_stop "$dir"
