#!/usr/bin/env bash
# Runs every test of Portal on a fresh machine: restores, builds and runs all test projects,
# then prints one closing line "N passed, N failed, N skipped". Usage: bash tools/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net)." >&2
  exit 1
fi

# The browser tests drive Debian's chromium (no browser download).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Portal.sln -c Release 2>&1 | tee "$log" || status=$?

# Microsoft.Testing.Platform ends with "total/failed/succeeded/skipped"; say it in one plain line too.
count() { grep -E "^\s*$1:\s*[0-9]+" "$log" | tail -n 1 | grep -Eo '[0-9]+' || echo 0; }
echo "$(count succeeded) passed, $(count failed) failed, $(count skipped) skipped"
exit $status
