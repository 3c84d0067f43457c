#!/usr/bin/env bash
# Stops the servers of a directory made by start-servers.sh and removes the directory.
#
#   deploy/local/stop-servers.sh [<dir>] [rabbitmq|postgres|redis|rabbitmq-<k> ...]
#
# <dir> defaults to $MODERATION_SERVERS_DIR. With server names, stops only those and keeps the
# directory (start-servers.sh restarts them with their data). Servers already stopped are fine.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir=${MODERATION_SERVERS_DIR:-}
if (($# > 0)) && [[ $1 == */* || -d $1 ]]; then
  dir=$1
  shift
fi
if [[ -z $dir ]]; then
  mod_error "usage: $0 <servers dir> [server...] (or set MODERATION_SERVERS_DIR)"
  exit 2
fi
if [[ ! -d $dir ]]; then
  mod_say "$dir does not exist: nothing to stop"
  exit 0
fi
if ! mod_is_servers_dir "$dir"; then
  mod_error "$dir is not a servers directory (no servers.conf): not touching it"
  exit 1
fi

mod_servers_stop "$dir" "$@"
if (($# == 0)); then
  rm -rf "$dir"
  mod_say "removed $dir"
fi
