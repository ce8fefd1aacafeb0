#!/usr/bin/env bash
# The one test command (README, .ci/run): provisions what the tests need on a fresh Debian machine with the
# .NET SDK, builds, runs every test project and ends with one line "N passed, N failed".
# PostgreSQL clusters are started by the tests themselves (tests/EgiszBus.TestKit/PostgresCluster.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ -f /usr/share/java/Saxon-HE.jar ] || need+=(libsaxonhe-java)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
ls /usr/lib/x86_64-linux-gnu/engines-3/gost.so >/dev/null 2>&1 || need+=(libengine-gost-openssl)
command -v xmlsec1 >/dev/null 2>&1 || need+=(xmlsec1)
command -v runuser >/dev/null 2>&1 || need+=(util-linux)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build EgiszBus.sln -c Release -nologo -v q
set +e
dotnet test EgiszBus.sln -c Release --no-build --nologo -v q \
  --logger "trx" --results-directory "$RESULTS" "$@"
status=$?
set -e
python3 "$ROOT/build/trx-summary.py" "$RESULTS" || status=1
exit $status
