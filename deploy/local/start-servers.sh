#!/usr/bin/env bash
# Starts RabbitMQ, PostgreSQL and Redis on 127.0.0.1 with throw-away data (see README.md).
#
#   deploy/local/start-servers.sh [rabbitmq|postgres|redis|rabbitmq-<k> ...]
#
# MODERATION_RABBITMQ_NODES=3 makes RabbitMQ a cluster of three nodes; rabbitmq-<k> is node k alone.
# The directory is $MODERATION_SERVERS_DIR, or a new /tmp/moderation-servers.XXXXXX. Progress goes
# to stderr; the directory alone goes to stdout, so `dir=$(deploy/local/start-servers.sh)` works.
# Running it again on the same directory starts only what is not running (a restart after
# stop-servers.sh <dir> <name> keeps the data).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir=${MODERATION_SERVERS_DIR:-}
created=false
if [[ -z $dir ]]; then
  dir=$(mktemp -d /tmp/moderation-servers.XXXXXX)
  created=true
fi
rc=0
mod_servers_start "$dir" "$@" || rc=$?
if ((rc == 3)) && $created; then
  rm -rf "$dir"
fi
((rc == 0)) || exit "$rc"
echo "$dir"
