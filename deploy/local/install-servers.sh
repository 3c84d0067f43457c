#!/usr/bin/env bash
# Installs the servers the tests run against (Debian packages rabbitmq-server, redis-server,
# postgresql) and the browser the browser specs drive (chromium, fonts-noto-cjk) when they are
# missing; does nothing when they are there.
#
# The packages' own instances (5672, 6379, 5432) are not started by the installation: nothing here
# needs them, and start-servers.sh runs its own on other ports and node names either way.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

missing=()
[[ -x $MODERATION_RABBITMQ_BIN/rabbitmq-server ]] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
mod_pg_bindir >/dev/null || missing+=(postgresql)
# The browser specs drive Debian's Chromium (never a downloaded one); CJK fonts make posts legible in screenshots.
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v fc-list >/dev/null && fc-list | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)

if ((${#missing[@]} == 0)); then
  mod_say "RabbitMQ, Redis, PostgreSQL, Chromium and CJK fonts are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  mod_error "missing ${missing[*]} and no apt-get here: install RabbitMQ 3.10+, Redis and PostgreSQL, and put initdb, redis-server on PATH (MODERATION_RABBITMQ_BIN for RabbitMQ's scripts)"
  exit 1
fi
sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { mod_error "missing ${missing[*]}: run this script as root"; exit 1; }
  sudo=(sudo)
fi

# invoke-rc.d (and deb-systemd-invoke) skip starting services while policy-rc.d says 101.
policy=/usr/sbin/policy-rc.d
added_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=true
fi
remove_policy() { if $added_policy; then "${sudo[@]}" rm -f "$policy"; fi; }
trap remove_policy EXIT

mod_say "installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
mod_say "installed ${missing[*]}"
