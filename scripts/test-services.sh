#!/usr/bin/env bash
# Makes sure what the test suite talks to is there, on a Debian machine like the CI one:
# PostgreSQL on 127.0.0.1:5432 (trust auth, database `test`), Redis on 127.0.0.1:6379, and Debian's Chromium
# for the browser tests. Starts or installs only what is missing; never touches anything that is already up.
set -euo pipefail

say() { printf '[test-services] %s\n' "$*"; }

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 -q || { say "PostgreSQL is not reachable on 127.0.0.1:5432"; exit 1; }
fi
psql -h 127.0.0.1 -U postgres -d test -qtAc 'select 1' >/dev/null 2>&1 || psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test' >/dev/null

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 20); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    say "installing Debian's chromium for the browser tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    say "Debian's chromium is missing: sudo apt-get install chromium"; exit 1
  fi
fi
# Korean text in the screenshots the browser tests take (docs/screenshots) needs a CJK font; without one Chromium
# draws empty boxes and the screenshots show nothing a reviewer can read.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ko 2>/dev/null)" ]; then
  if [ "$(id -u)" = "0" ]; then
    say "installing a Korean font (fonts-noto-cjk) for the browser screenshots"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }
  else
    say "no Korean font: sudo apt-get install fonts-noto-cjk (screenshots would show boxes)"
  fi
fi
say "PostgreSQL, Redis and Chromium are ready"
