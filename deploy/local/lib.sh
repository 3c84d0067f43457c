# Shared by the scripts in deploy/local and by tests/run.sh; source it, do not run it.
#
# Starts and stops real RabbitMQ, PostgreSQL and Redis servers on 127.0.0.1, on ports and node
# names of their own, with all data in one throw-away directory. Instances started by the Debian
# packages (5672/5432/6379, epmd on 4369, node rabbit@<host>) are never touched.
#
# Layout of a servers directory:
#   env              the exports services and tests read (ConnectionStrings__*, ...)
#   servers.conf     ports and names this directory was started with (reused on restart)
#   rabbitmqctl, rabbitmq-queues, rabbitmq-diagnostics
#                    wrappers that talk to this directory's RabbitMQ node
#   rabbitmq/ postgres/ redis/ services/   data, pid files and logs

# Ports and names, overridable from the environment for a new directory.
: "${MODERATION_RABBITMQ_PORT:=5682}"
# The management HTTP API (rabbitmq_management), through which forum operators' users are issued.
: "${MODERATION_RABBITMQ_MANAGEMENT_PORT:=15682}"
# The broker's own Prometheus exporter (rabbitmq_prometheus): queue depths for the dashboard. By
# default 10010 above the AMQP port (15692 for 5682), so a second set of ports moves it too.
: "${MODERATION_RABBITMQ_PROMETHEUS_PORT:=$((MODERATION_RABBITMQ_PORT + 10010))}"
: "${MODERATION_RABBITMQ_DIST_PORT:=25682}"
: "${MODERATION_EPMD_PORT:=24369}"
: "${MODERATION_RABBITMQ_NODENAME:=moderation@localhost}"
: "${MODERATION_POSTGRES_PORT:=5442}"
: "${MODERATION_REDIS_PORT:=6390}"
# Nodes of RabbitMQ, clustered. Node k (1-based) listens on each of the RabbitMQ ports above plus k-1
# and is named <nodename>-k (node 1 keeps the name itself); all share the epmd port and one cookie.
: "${MODERATION_RABBITMQ_NODES:=1}"
: "${MODERATION_RABBITMQ_BIN:=/usr/lib/rabbitmq/bin}"

# Test credentials: the system's own user (an administrator: it also issues operators' users through
# the management API), and one RabbitMQ user per forum operator fixed in the definitions.
MOD_USER=moderation
MOD_PASSWORD=moderation
MOD_VHOST=moderation
MOD_FORUM_OPERATORS=(forum-demo forum-other)

MOD_SERVERS=(rabbitmq postgres redis)
MOD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MOD_START_TIMEOUT=${MODERATION_START_TIMEOUT:-60}

mod_say() { printf '[servers] %s\n' "$*" >&2; }

mod_error() { printf '[servers] ERROR: %s\n' "$*" >&2; }

# mod_fail_log <message> <log file>: the error, then the end of the log that explains it.
mod_fail_log() {
  mod_error "$1"
  if [[ -s $2 ]]; then
    printf '[servers] --- last lines of %s ---\n' "$2" >&2
    tail -n 40 "$2" >&2
    printf '[servers] --- end of %s ---\n' "$2" >&2
  else
    mod_error "no output in $2"
  fi
}

# The servers refuse to run as root (initdb, pg_ctl) or drop to their own user (RabbitMQ), so as
# root each runs as its package's system user; as anyone else, as that user.
mod_owner() {
  if ((EUID == 0)); then echo "$1"; else id -un; fi
}

mod_as() {
  local user=$1
  shift
  if ((EUID == 0)); then runuser -u "$user" -- "$@"; else "$@"; fi
}

mod_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# mod_require_free_port <port> <what> <override variable>
mod_require_free_port() {
  mod_port_open "$1" || return 0
  local who=""
  command -v ss >/dev/null && who=$(ss -Hltnp "sport = :$1" 2>/dev/null | awk '{print $NF}' | head -n 1)
  mod_error "port $1 ($2) is already in use${who:+ by $who}; stop that server (a run that was killed? see deploy/local/README.md) or pick another port with $3=..."
  return 1
}

mod_pid_alive() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(head -n 1 "$1")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# mod_wait_pid_gone <pid file> <seconds>
mod_wait_pid_gone() {
  local deadline=$((SECONDS + $2))
  while mod_pid_alive "$1"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# mod_wait_until <seconds> <check command...>: the check returns 0 when ready, 1 while not yet,
# and 2 when waiting is pointless (the process died).
mod_wait_until() {
  local deadline=$((SECONDS + $1)) rc
  shift
  while true; do
    rc=0
    "$@" || rc=$?
    ((rc == 0)) && return 0
    ((rc == 2)) && return 2
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

mod_pg_bindir() {
  local initdb
  if initdb=$(command -v initdb); then
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  # Debian's postgresql package does not put initdb on PATH.
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [[ -n $initdb ]] || return 1
  dirname "$initdb"
}

# --- configuration of one directory -------------------------------------------------------------

# Loads the ports a directory was created with, or records the current ones for a new directory,
# so that stopping and restarting use the same ports as the first start.
mod_load_conf() {
  local dir=$1
  if [[ -f $dir/servers.conf ]]; then
    # shellcheck source=/dev/null
    . "$dir/servers.conf"
    # Directories made before clusters existed have one node.
    MODERATION_RABBITMQ_NODES=${MODERATION_RABBITMQ_NODES:-1}
    return 0
  fi
  if ! [[ $MODERATION_RABBITMQ_NODES =~ ^[1-9]$ ]]; then
    mod_error "MODERATION_RABBITMQ_NODES must be a number of nodes from 1 to 9, not '$MODERATION_RABBITMQ_NODES'"
    return 1
  fi
  cat >"$dir/servers.conf" <<EOF
MODERATION_RABBITMQ_PORT=$MODERATION_RABBITMQ_PORT
MODERATION_RABBITMQ_MANAGEMENT_PORT=$MODERATION_RABBITMQ_MANAGEMENT_PORT
MODERATION_RABBITMQ_PROMETHEUS_PORT=$MODERATION_RABBITMQ_PROMETHEUS_PORT
MODERATION_RABBITMQ_DIST_PORT=$MODERATION_RABBITMQ_DIST_PORT
MODERATION_EPMD_PORT=$MODERATION_EPMD_PORT
MODERATION_RABBITMQ_NODENAME=$MODERATION_RABBITMQ_NODENAME
MODERATION_RABBITMQ_NODES=$MODERATION_RABBITMQ_NODES
MODERATION_POSTGRES_PORT=$MODERATION_POSTGRES_PORT
MODERATION_REDIS_PORT=$MODERATION_REDIS_PORT
EOF
}

mod_write_env() {
  local dir=$1 amqp="127.0.0.1:$MODERATION_RABBITMQ_PORT/$MOD_VHOST" operators="" op
  for op in "${MOD_FORUM_OPERATORS[@]}"; do
    operators+="${operators:+;}$op=amqp://$op:$op@$amqp"
  done
  cat >"$dir/env.tmp" <<EOF
export ConnectionStrings__RabbitMq=amqp://$MOD_USER:$MOD_PASSWORD@$amqp
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$MODERATION_POSTGRES_PORT;Username=$MOD_USER;Password=$MOD_PASSWORD;Database=$MOD_USER"
export ConnectionStrings__Redis=127.0.0.1:$MODERATION_REDIS_PORT
export ConnectionStrings__RabbitMqManagement=http://$MOD_USER:$MOD_PASSWORD@127.0.0.1:$MODERATION_RABBITMQ_MANAGEMENT_PORT/
export MODERATION_RABBITMQ_OPERATOR_URLS="$operators"
export MODERATION_RABBITMQ_PROMETHEUS_URL=http://127.0.0.1:$MODERATION_RABBITMQ_PROMETHEUS_PORT
export MODERATION_SERVERS_DIR=$dir
EOF
  # The other nodes of a cluster: the services connect to any of them when the first is down.
  local k
  for ((k = 2; k <= MODERATION_RABBITMQ_NODES; k++)); do
    echo "export Moderation__Messaging__ClusterNodes__$((k - 2))=127.0.0.1:$((MODERATION_RABBITMQ_PORT + k - 1))" >>"$dir/env.tmp"
  done
  mv "$dir/env.tmp" "$dir/env"
}

# --- RabbitMQ -----------------------------------------------------------------------------------

# mod_rabbitmq_node <dir> <k>: sets, in the caller's scope, what node k of the directory uses:
# r (its directory), port, dist_port, management_port, node (its name).
mod_rabbitmq_node() {
  local k=$2
  if ((k == 1)); then
    r=$1/rabbitmq
    node=$MODERATION_RABBITMQ_NODENAME
  else
    r=$1/rabbitmq-$k
    node=${MODERATION_RABBITMQ_NODENAME%@*}-$k@${MODERATION_RABBITMQ_NODENAME#*@}
  fi
  port=$((MODERATION_RABBITMQ_PORT + k - 1))
  dist_port=$((MODERATION_RABBITMQ_DIST_PORT + k - 1))
  management_port=$((MODERATION_RABBITMQ_MANAGEMENT_PORT + k - 1))
}

# The suffix of node k's tools and server name: "" for node 1, "-k" for the others.
mod_rabbitmq_suffix() {
  if (($1 == 1)); then echo ""; else echo "-$1"; fi
}

mod_rabbitmq_node_running() {
  local r port dist_port management_port node
  mod_rabbitmq_node "$1" "$2"
  mod_pid_alive "$r/rabbitmq.pid"
}

# Running when every node is.
mod_rabbitmq_running() {
  local k
  for ((k = 1; k <= MODERATION_RABBITMQ_NODES; k++)); do
    mod_rabbitmq_node_running "$1" "$k" || return 1
  done
}

mod_rabbitmq_write_files() {
  local dir=$1 k=$2 r port dist_port management_port node op users perms tool cookie=$1/rabbitmq/home/.erlang.cookie suffix
  mod_rabbitmq_node "$dir" "$k"
  suffix=$(mod_rabbitmq_suffix "$k")
  mkdir -p "$r/home" "$r/mnesia" "$r/log" "$dir/rabbitmq/home"
  if [[ ! -s $cookie ]]; then
    # A private cookie in a private HOME: no clash with the system node's /var/lib/rabbitmq cookie.
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$cookie")
    chmod 400 "$cookie"
  fi
  # The nodes of a cluster authenticate each other (and rabbitmqctl) by the one cookie of the directory.
  if [[ $r/home/.erlang.cookie != "$cookie" && ! -s $r/home/.erlang.cookie ]]; then
    (umask 077 && cp "$cookie" "$r/home/.erlang.cookie")
    chmod 400 "$r/home/.erlang.cookie"
  fi
  local erl_args='-kernel inet_dist_use_interface {127,0,0,1}'
  # Several nodes on one machine: schedulers that spin while idle would take the cores from each other.
  ((MODERATION_RABBITMQ_NODES > 1)) && erl_args+=' +sbwt none +sbwtdcpu none +sbwtdio none'
  # Everything the node would otherwise look up in /etc/rabbitmq or /var/lib/rabbitmq.
  cat >"$r/env.sh" <<EOF
export HOME='$r/home'
export RABBITMQ_NODENAME='$node'
export RABBITMQ_DIST_PORT='$dist_port'
export ERL_EPMD_PORT='$MODERATION_EPMD_PORT'
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_CONF_ENV_FILE='$r/rabbitmq-env.conf'
export RABBITMQ_CONFIG_FILE='$r/rabbitmq.conf'
export RABBITMQ_ADVANCED_CONFIG_FILE='$r/advanced.config'
export RABBITMQ_ENABLED_PLUGINS_FILE='$r/enabled_plugins'
export RABBITMQ_MNESIA_BASE='$r/mnesia'
export RABBITMQ_LOG_BASE='$r/log'
export RABBITMQ_LOGS='$r/log/rabbit.log'
export RABBITMQ_PID_FILE='$r/rabbitmq.pid'
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='$erl_args'
# Each rabbitmqctl call is a short-lived node that needs a port of its own; tests run many at once.
export RABBITMQ_CTL_DIST_PORT_MIN=35672
export RABBITMQ_CTL_DIST_PORT_MAX=35771
EOF
  : >"$r/rabbitmq-env.conf"
  # The management API issues, rotates and revokes forum operators' users (Moderation.Onboarding).
  # Its Prometheus exporter gives the queue depths the dashboard shows (the services do not poll queues).
  echo '[rabbitmq_management,rabbitmq_prometheus].' >"$r/enabled_plugins"
  cat >"$r/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$port
management.tcp.ip = 127.0.0.1
management.tcp.port = $management_port
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $((MODERATION_RABBITMQ_PROMETHEUS_PORT + k - 1))
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = info
definitions.import_backend = local_filesystem
definitions.local.path = $r/definitions.json
EOF
  if ((k > 1)); then
    # Classic config peer discovery: started with an empty database, the node joins the first node's
    # cluster (which is running by then); restarted, its database already names the cluster.
    cat >>"$r/rabbitmq.conf" <<EOF
cluster_formation.peer_discovery_backend = classic_config
cluster_formation.classic_config.nodes.1 = $MODERATION_RABBITMQ_NODENAME
EOF
  fi
  # Imported at every boot, before the listener opens: when the port answers, the users exist.
  # The services' user is an impersonator: moving a forum's message to an error queue republishes
  # it with the forum's user_id, which the broker otherwise refuses from another user.
  users="{\"name\":\"$MOD_USER\",\"password\":\"$MOD_PASSWORD\",\"tags\":\"administrator,impersonator\"}"
  perms="{\"user\":\"$MOD_USER\",\"vhost\":\"$MOD_VHOST\",\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"
  for op in "${MOD_FORUM_OPERATORS[@]}"; do
    users+=",{\"name\":\"$op\",\"password\":\"$op\",\"tags\":\"\"}"
    perms+=",{\"user\":\"$op\",\"vhost\":\"$MOD_VHOST\",\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"
  done
  # The deployed definitions (deploy/rabbitmq/definitions.json: vhost, policies, dead-letter
  # exchange) with the test users added, so what the tests run on is what is deployed. Their
  # closing brace is replaced by the users and permissions.
  local deployed=$MOD_ROOT/deploy/rabbitmq/definitions.json
  [[ $(tail -c 2 "$deployed") == "}" ]] || { mod_error "$deployed must end with its closing brace on a line of its own"; return 1; }
  { head -c -2 "$deployed"
    printf ',\n  "users": [%s],\n  "permissions": [%s]\n}\n' "$users" "$perms"
  } >"$r/definitions.json"

  for tool in rabbitmqctl rabbitmq-queues rabbitmq-diagnostics; do
    cat >"$dir/$tool$suffix" <<EOF
#!/bin/sh
# $tool for RabbitMQ node $node of this servers directory.
. '$r/env.sh'
exec '$MODERATION_RABBITMQ_BIN/$tool' "\$@"
EOF
    chmod 755 "$dir/$tool$suffix"
  done
  chown -R "$(mod_owner rabbitmq)" "$r"
}

mod_rabbitmq_check() {
  local r port dist_port management_port node
  mod_rabbitmq_node "$1" "$2"
  mod_port_open "$port" && return 0
  # Until the node writes its pid file the launcher is what can die.
  if [[ -s $r/rabbitmq.pid ]]; then mod_pid_alive "$r/rabbitmq.pid" || return 2
  else mod_pid_alive "$r/launcher.pid" || return 2
  fi
  return 1
}

# mod_rabbitmq_node_start <dir> <k>: starts node k; a node other than the first joins node 1's
# cluster the first time it starts, by peer discovery (afterwards its database remembers the cluster).
mod_rabbitmq_node_start() {
  local dir=$1 k=$2 r port dist_port management_port node rc=0 suffix ctl
  mod_rabbitmq_node "$dir" "$k"
  suffix=$(mod_rabbitmq_suffix "$k")
  ctl=$dir/rabbitmqctl$suffix
  if mod_pid_alive "$r/rabbitmq.pid"; then
    mod_say "RabbitMQ already running ($node, port $port)"
    return 0
  fi
  if [[ ! -x $MODERATION_RABBITMQ_BIN/rabbitmq-server ]]; then
    mod_error "RabbitMQ not found in $MODERATION_RABBITMQ_BIN (set MODERATION_RABBITMQ_BIN, or run deploy/local/install-servers.sh)"
    return 1
  fi
  mod_rabbitmq_write_files "$dir" "$k"
  rm -f "$r/rabbitmq.pid"
  local as=()
  ((EUID == 0)) && as=(runuser -u rabbitmq --)
  # Its own session, so a Ctrl-C in the terminal does not reach the node; the caller stops it.
  # The node starts its own epmd on the private ERL_EPMD_PORT (the first node of several does).
  (cd "$r" && exec setsid "${as[@]}" /bin/sh -c '. ./env.sh && exec "$0"' "$MODERATION_RABBITMQ_BIN/rabbitmq-server") \
    >"$r/log/startup.log" 2>&1 </dev/null &
  echo $! >"$r/launcher.pid"
  mod_wait_until "$MOD_START_TIMEOUT" mod_rabbitmq_check "$dir" "$k" || rc=$?
  # The listener opens at the end of the boot; each CLI call is a VM of its own, slow on a busy
  # machine, so only the first node (which the others join) is asked.
  if ((rc == 0 && k == 1)); then
    "$ctl" await_startup --timeout "$MOD_START_TIMEOUT" >>"$r/log/startup.log" 2>&1 || rc=$?
  fi
  # The plugin's listener is up once the node has booted; checked so a failure names it.
  if ((rc == 0)) && ! mod_wait_until 15 mod_port_open "$management_port"; then
    mod_fail_log "RabbitMQ management API did not open port $management_port (logs: $r/log/rabbit.log)" "$r/log/rabbit.log"
    return 1
  fi
  if ((rc != 0)); then
    local why="did not open port $port within ${MOD_START_TIMEOUT}s"
    ((rc == 2)) && why="exited during start"
    mod_fail_log "RabbitMQ $node $why (logs: $r/log/rabbit.log)" "$r/log/startup.log"
    [[ -s $r/log/rabbit.log ]] && tail -n 20 "$r/log/rabbit.log" >&2
    return 1
  fi
  mod_say "RabbitMQ ready: amqp://127.0.0.1:$port, management http://127.0.0.1:$management_port, node $node (use $ctl)"
}

# The first node, then the others side by side (each joins the first's cluster on its first start).
mod_rabbitmq_start() {
  local dir=$1 k pids=() rc=0 pid
  mod_rabbitmq_node_start "$dir" 1 || return 1
  for ((k = 2; k <= MODERATION_RABBITMQ_NODES; k++)); do
    mod_rabbitmq_node_start "$dir" "$k" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  ((rc == 0 && MODERATION_RABBITMQ_NODES > 1)) || return "$rc"
  # A node that could not reach the first would have formed a cluster of its own: say so now.
  local status running
  status=$("$dir/rabbitmqctl" cluster_status --formatter json 2>>"$dir/rabbitmq/log/startup.log") || true
  running=$(grep -o '"running_nodes":\[[^]]*\]' <<<"$status" | grep -o '@' | wc -l)
  if ((running != MODERATION_RABBITMQ_NODES)); then
    mod_error "RabbitMQ cluster of $MODERATION_RABBITMQ_NODENAME has $running running node(s), not $MODERATION_RABBITMQ_NODES: $status (logs: $dir/rabbitmq*/log/rabbit.log)"
    return 1
  fi
  mod_say "RabbitMQ cluster of $MODERATION_RABBITMQ_NODES nodes formed"
}

mod_rabbitmq_node_stop() {
  local dir=$1 k=$2 r port dist_port management_port node
  mod_rabbitmq_node "$dir" "$k"
  if mod_pid_alive "$r/rabbitmq.pid"; then
    if ! "$dir/rabbitmqctl$(mod_rabbitmq_suffix "$k")" stop "$r/rabbitmq.pid" >>"$r/log/stop.log" 2>&1; then
      mod_say "rabbitmqctl stop failed (see $r/log/stop.log); terminating the node"
      kill -TERM "$(head -n 1 "$r/rabbitmq.pid")" 2>/dev/null || true
      mod_wait_pid_gone "$r/rabbitmq.pid" 30 || kill -KILL "$(head -n 1 "$r/rabbitmq.pid")" 2>/dev/null || true
    fi
    mod_say "RabbitMQ $node stopped"
  elif mod_pid_alive "$r/launcher.pid"; then
    # Interrupted before the node wrote its pid file: stop the session it was started in.
    kill -TERM -- "-$(head -n 1 "$r/launcher.pid")" 2>/dev/null || true
    mod_wait_pid_gone "$r/launcher.pid" 30 || kill -KILL -- "-$(head -n 1 "$r/launcher.pid")" 2>/dev/null || true
    mod_say "RabbitMQ $node stopped while starting"
  fi
  rm -f "$r/rabbitmq.pid" "$r/launcher.pid"
}

mod_rabbitmq_stop() {
  local dir=$1 k pids=() pid
  for ((k = 1; k <= MODERATION_RABBITMQ_NODES; k++)); do
    mod_rabbitmq_node_stop "$dir" "$k" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  # The private epmd outlives the nodes; it refuses to go while any node (of any directory sharing
  # the port) is still registered with it.
  if [[ -d $dir/rabbitmq ]] && command -v epmd >/dev/null && mod_port_open "$MODERATION_EPMD_PORT"; then
    epmd -port "$MODERATION_EPMD_PORT" -kill >/dev/null 2>&1 || true
  fi
}

# --- PostgreSQL ---------------------------------------------------------------------------------

mod_postgres_running() {
  mod_pid_alive "$1/postgres/data/postmaster.pid"
}

mod_postgres_start() {
  local dir=$1 p=$1/postgres bin owner
  if mod_postgres_running "$dir"; then
    mod_say "PostgreSQL already running (port $MODERATION_POSTGRES_PORT)"
    return 0
  fi
  if ! bin=$(mod_pg_bindir); then
    mod_error "PostgreSQL (initdb) not found on PATH nor in /usr/lib/postgresql/*/bin (run deploy/local/install-servers.sh)"
    return 1
  fi
  owner=$(mod_owner postgres)
  mkdir -p "$p"
  chown "$owner" "$p"
  if [[ ! -s $p/data/PG_VERSION ]]; then
    (umask 077 && echo "$MOD_PASSWORD" >"$p/pwfile")
    chown "$owner" "$p/pwfile"
    # The bootstrap superuser is the system's role: tests create their own databases with it.
    if ! mod_as "$owner" "$bin/initdb" -D "$p/data" -U "$MOD_USER" --pwfile="$p/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale --no-sync \
      >"$p/initdb.log" 2>&1; then
      mod_fail_log "PostgreSQL initdb failed in $p/data" "$p/initdb.log"
      return 1
    fi
    rm -f "$p/pwfile"
    # Throw-away data: durability settings off for speed.
    cat >>"$p/data/postgresql.conf" <<EOF

listen_addresses = '127.0.0.1'
port = $MODERATION_POSTGRES_PORT
unix_socket_directories = '$p'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
# Per-statement figures for profiling under load (SELECT * FROM pg_stat_statements after CREATE EXTENSION).
shared_preload_libraries = 'pg_stat_statements'
EOF
  fi
  if ! mod_as "$owner" "$bin/pg_ctl" -D "$p/data" -l "$p/postgres.log" -w -t "$MOD_START_TIMEOUT" start \
    >"$p/pg_ctl.log" 2>&1 </dev/null; then
    cat "$p/pg_ctl.log" >>"$p/postgres.log" 2>/dev/null || true
    mod_fail_log "PostgreSQL did not start on port $MODERATION_POSTGRES_PORT (log: $p/postgres.log)" "$p/postgres.log"
    return 1
  fi
  if [[ -z $("$bin/psql" -h "$p" -p "$MODERATION_POSTGRES_PORT" -U "$MOD_USER" -d postgres -Atc \
    "select 1 from pg_database where datname = '$MOD_USER'" 2>>"$p/postgres.log") ]] &&
    ! "$bin/createdb" -h "$p" -p "$MODERATION_POSTGRES_PORT" -U "$MOD_USER" -O "$MOD_USER" "$MOD_USER" \
      2>>"$p/postgres.log"; then
    mod_fail_log "PostgreSQL: could not create database $MOD_USER" "$p/postgres.log"
    return 1
  fi
  mod_say "PostgreSQL ready: 127.0.0.1:$MODERATION_POSTGRES_PORT, socket dir $p"
}

mod_postgres_stop() {
  local dir=$1 p=$1/postgres bin owner
  mod_postgres_running "$dir" || return 0
  bin=$(mod_pg_bindir)
  owner=$(stat -c %U "$p/data")
  if ! mod_as "$owner" "$bin/pg_ctl" -D "$p/data" -m fast -w -t 30 stop >>"$p/pg_ctl.log" 2>&1; then
    mod_say "pg_ctl stop -m fast failed (see $p/pg_ctl.log); stopping immediately"
    mod_as "$owner" "$bin/pg_ctl" -D "$p/data" -m immediate -w -t 30 stop >>"$p/pg_ctl.log" 2>&1 || true
  fi
  mod_say "PostgreSQL stopped"
}

# --- Redis --------------------------------------------------------------------------------------

mod_redis_running() {
  mod_pid_alive "$1/redis/redis.pid"
}

mod_redis_check() {
  [[ $(redis-cli -h 127.0.0.1 -p "$MODERATION_REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

mod_redis_start() {
  local dir=$1 d=$1/redis
  if mod_redis_running "$dir"; then
    mod_say "Redis already running (port $MODERATION_REDIS_PORT)"
    return 0
  fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    mod_error "redis-server/redis-cli not found on PATH (run deploy/local/install-servers.sh)"
    return 1
  fi
  mkdir -p "$d"
  rm -f "$d/redis.pid"
  if ! redis-server --port "$MODERATION_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$d/redis.pid" --dir "$d" --logfile "$d/redis.log" \
    >"$d/startup.log" 2>&1 </dev/null ||
    ! mod_wait_until 10 mod_redis_check; then
    cat "$d/startup.log" >>"$d/redis.log" 2>/dev/null || true
    mod_fail_log "Redis did not answer PING on port $MODERATION_REDIS_PORT (log: $d/redis.log)" "$d/redis.log"
    return 1
  fi
  mod_say "Redis ready: 127.0.0.1:$MODERATION_REDIS_PORT"
}

mod_redis_stop() {
  local dir=$1 d=$1/redis
  mod_redis_running "$dir" || return 0
  redis-cli -h 127.0.0.1 -p "$MODERATION_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  if ! mod_wait_pid_gone "$d/redis.pid" 10; then
    kill -KILL "$(head -n 1 "$d/redis.pid")" 2>/dev/null || true
  fi
  mod_say "Redis stopped"
}

# --- the services -------------------------------------------------------------------------------

# mod_http_status <port> <path>: the HTTP status code of a GET on 127.0.0.1, without needing curl.
mod_http_status() {
  local line=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$2" "$1" >&3
  read -r -t 5 line <&3 || true
  exec 3<&-
  line=${line%$'\r'}
  line=${line#HTTP/* }
  echo "${line%% *}"
}

mod_service_check() {
  local pidfile=$1 port=$2
  mod_pid_alive "$pidfile" || return 2
  [[ $(mod_http_status "$port" /health/ready) == 200 ]]
}

# mod_service_start <dir> <instance> <dll> <port> <port variable>: runs a built service in the
# background with the directory's env file, its log and pid file in <dir>/services.
mod_service_start() {
  local dir=$1 name=$2 dll=$3 port=$4 port_variable=$5 s=$1/services rc=0
  mkdir -p "$s"
  if mod_pid_alive "$s/$name.pid"; then
    mod_say "$name already running (http://127.0.0.1:$port)"
    return 0
  fi
  mod_require_free_port "$port" "$name" "$port_variable" || return 1
  # From the build output, so the host finds its appsettings.json in its content root.
  (
    # shellcheck source=/dev/null
    . "$dir/env"
    cd "$(dirname "$dll")"
    exec dotnet "$dll" --urls "http://127.0.0.1:$port"
  ) >"$s/$name.log" 2>&1 </dev/null &
  echo $! >"$s/$name.pid"
  mod_wait_until "$MOD_START_TIMEOUT" mod_service_check "$s/$name.pid" "$port" || rc=$?
  if ((rc != 0)); then
    local why="did not report ready at http://127.0.0.1:$port/health/ready within ${MOD_START_TIMEOUT}s"
    ((rc == 2)) && why="exited during start"
    mod_fail_log "$name $why (log: $s/$name.log)" "$s/$name.log"
    return 1
  fi
  mod_say "$name ready: http://127.0.0.1:$port (log: $s/$name.log)"
}

# mod_services_stop <dir>: stops every service started in the directory (all asked at once).
mod_services_stop() {
  local pidfile pidfiles=()
  for pidfile in "$1"/services/*.pid; do
    [[ -e $pidfile ]] || continue
    pidfiles+=("$pidfile")
    mod_pid_alive "$pidfile" && kill -TERM "$(head -n 1 "$pidfile")" 2>/dev/null
  done
  for pidfile in "${pidfiles[@]}"; do
    if ! mod_wait_pid_gone "$pidfile" 20; then
      mod_say "$(basename "$pidfile" .pid) did not stop within 20s; killing it"
      kill -KILL "$(head -n 1 "$pidfile")" 2>/dev/null || true
    fi
    mod_say "$(basename "$pidfile" .pid) stopped"
    rm -f "$pidfile"
  done
}

# --- all of them --------------------------------------------------------------------------------

# mod_server <running|start|stop> <server> <dir>: the server's function; rabbitmq-<k> is node k of
# the RabbitMQ cluster alone, rabbitmq all its nodes.
mod_server() {
  case $2 in
    rabbitmq-*) "mod_rabbitmq_node_$1" "$3" "${2#rabbitmq-}" ;;
    *) "mod_${2}_$1" "$3" ;;
  esac
}

# mod_rabbitmq_node_ports <k>: node k's ports, as mod_ports lists them.
mod_rabbitmq_node_ports() {
  local name=""
  (($1 > 1)) && name=" of node $1 (the variable's port + $(($1 - 1)))"
  echo "$((MODERATION_RABBITMQ_PORT + $1 - 1)):MODERATION_RABBITMQ_PORT:RabbitMQ AMQP$name"
  echo "$((MODERATION_RABBITMQ_DIST_PORT + $1 - 1)):MODERATION_RABBITMQ_DIST_PORT:RabbitMQ distribution$name"
  echo "$((MODERATION_RABBITMQ_MANAGEMENT_PORT + $1 - 1)):MODERATION_RABBITMQ_MANAGEMENT_PORT:RabbitMQ management API$name"
  echo "$((MODERATION_RABBITMQ_PROMETHEUS_PORT + $1 - 1)):MODERATION_RABBITMQ_PROMETHEUS_PORT:RabbitMQ Prometheus exporter$name"
}

# mod_ports <server> <dir>: the ports it will listen on, as port:variable:description lines (for
# RabbitMQ, those of the nodes not running yet).
mod_ports() {
  local k
  case $1 in
    rabbitmq)
      for ((k = 1; k <= MODERATION_RABBITMQ_NODES; k++)); do
        mod_rabbitmq_node_running "$2" "$k" || mod_rabbitmq_node_ports "$k"
      done
      ;;
    rabbitmq-*) mod_rabbitmq_node_ports "${1#rabbitmq-}" ;;
    postgres) echo "$MODERATION_POSTGRES_PORT:MODERATION_POSTGRES_PORT:PostgreSQL" ;;
    redis) echo "$MODERATION_REDIS_PORT:MODERATION_REDIS_PORT:Redis" ;;
  esac
}

# mod_select_servers <names...>: the names given, checked, or all servers.
mod_select_servers() {
  local name
  (($# > 0)) || set -- "${MOD_SERVERS[@]}"
  for name in "$@"; do
    case $name in
      rabbitmq | postgres | redis) echo "$name" ;;
      rabbitmq-[1-9])
        if ((${name#rabbitmq-} > MODERATION_RABBITMQ_NODES)); then
          mod_error "no RabbitMQ node ${name#rabbitmq-}: the directory has $MODERATION_RABBITMQ_NODES (MODERATION_RABBITMQ_NODES)"
          return 1
        fi
        echo "$name"
        ;;
      *)
        mod_error "unknown server '$name' (expected: ${MOD_SERVERS[*]}, or rabbitmq-<k> for node k of a cluster)"
        return 1
        ;;
    esac
  done
}

# mod_servers_start <dir> [names...]: starts the named (default: all) servers in parallel, writes
# the env file. Servers already running in the directory are left as they are. On failure, stops
# what this call started and keeps the directory for its logs; returns 3 when it started nothing
# because a port was taken.
mod_servers_start() {
  local dir=$1 started=() failed=() pids=() names name i rc=0 t0=$SECONDS interrupted=0 port variable what
  shift
  mkdir -p "$dir"
  # Service users (rabbitmq, postgres) must reach their subdirectories.
  chmod 711 "$dir"
  mod_load_conf "$dir" || return 1
  names=$(mod_select_servers "$@") || return 1
  for name in $names; do
    mod_server running "$name" "$dir" || started+=("$name")
  done
  # All ports first: one clear message beats half the servers started and stopped again.
  for name in "${started[@]}"; do
    while IFS=: read -r port variable what; do
      mod_require_free_port "$port" "$what" "$variable" || rc=1
    done < <(mod_ports "$name" "$dir")
  done
  ((rc == 0)) || return 3
  # Interrupted, the starts still run to their end (they ignore SIGINT, being background jobs), so
  # wait for them and then stop what they started; otherwise a server could come up after a
  # caller's clean-up ran and outlive it.
  trap 'interrupted=1' INT TERM
  for name in $names; do
    mod_server start "$name" "$dir" &
    pids+=($!)
  done
  i=0
  for name in $names; do
    rc=0
    wait "${pids[$i]}" || rc=$?
    while kill -0 "${pids[$i]}" 2>/dev/null; do
      rc=0
      wait "${pids[$i]}" || rc=$?
    done
    ((rc == 0)) || failed+=("$name")
    i=$((i + 1))
  done
  trap - INT TERM
  if ((interrupted)); then
    mod_error "interrupted; stopping what this run started"
    for name in "${started[@]}"; do mod_server stop "$name" "$dir" || true; done
    return 130
  fi
  if ((${#failed[@]} > 0)); then
    mod_error "failed to start: ${failed[*]}; stopping what this run started. Logs are kept in $dir (remove with deploy/local/stop-servers.sh $dir)"
    for name in "${started[@]}"; do mod_server stop "$name" "$dir" || true; done
    return 1
  fi
  mod_write_env "$dir"
  mod_say "ready in $((SECONDS - t0))s: $dir (source $dir/env)"
}

# mod_servers_stop <dir> [names...]: stops the named servers in parallel; by default all of them,
# and the services started in the directory first.
mod_servers_stop() {
  local dir=$1 names name pid pids=()
  shift
  [[ -d $dir ]] || return 0
  mod_load_conf "$dir" || return 1
  names=$(mod_select_servers "$@") || return 1
  # Services left running would lose their servers under them.
  (($# > 0)) || mod_services_stop "$dir"
  for name in $names; do
    mod_server stop "$name" "$dir" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
}

# A directory may only be deleted when it is one of ours (or empty): never rm -rf a wrong path.
mod_is_servers_dir() {
  [[ -d $1 && $1 != / ]] && { [[ -f $1/servers.conf ]] || [[ -z $(ls -A "$1") ]]; }
}
