#!/usr/bin/env bash
# egiszbus bench flow on a throwaway PostgreSQL cluster, started exactly like tests/EgiszBus.TestKit/PostgresCluster.cs
# does: Debian's binaries (apt-get install postgresql when missing), initdb into a temp folder (as the postgres user
# when root), trust auth, a free port on 127.0.0.1, fsync ON (server defaults), stopped and removed on exit.
# Usage: build/bench-flow.sh [--documents N] [--messages N] [--concurrency N] [--json] [--keep] [--Section:Key=value ...]
set -euo pipefail
cd "$(dirname "$0")/.."

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | while read -r d; do [ -x "$d/initdb" ] && echo "$d"; done | sort -r | head -n 1; }
BIN=$(find_bin)
if [ -z "$BIN" ]; then
  echo "bench-flow.sh: installing postgresql" >&2
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql >/dev/null
  BIN=$(find_bin)
  [ -n "$BIN" ] || { echo "bench-flow.sh: PostgreSQL binaries not found after apt-get install postgresql" >&2; exit 1; }
fi

SUPERUSER=egb
DIR=$(mktemp -d "${TMPDIR:-/tmp}/egiszbus-pg-XXXXXXXXXXXX")
AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres:postgres "$DIR"
  AS=(runuser -u postgres --)
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -A trust -U "$SUPERUSER" -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB" \
  -l "$DIR/log" -w -t 60 start >/dev/null
echo "bench-flow.sh: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (fsync on), data in $DIR" >&2

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
set +e
dotnet run -c Release --project Endpoints/EgiszBus.Host -- bench flow \
  --connection-string "Host=127.0.0.1;Port=$PORT;Username=$SUPERUSER;Database=postgres;Timeout=30;Command Timeout=60" "$@"
status=$?
set -e
exit $status
