#!/usr/bin/env bash
# The project's one test command: installs missing system prerequisites (as root), starts a throwaway
# PostgreSQL 15 cluster on a free port, runs `dotnet test Clinic.sln`, prints a summary and cleans up.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Scheduling".
# CLINIC_TEST_RESULTS=<folder> keeps the .trx result files there.
set -euo pipefail

readonly SOLUTION=Clinic.sln
readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly CHROMIUM=/usr/bin/chromium
# Debian's python, not whatever python3 comes first on PATH (pyenv and the like lack aiosmtpd).
readonly PYTHON=/usr/bin/python3

WORK_DIR=""
PG_DATA=""
MISSING=()

die() {
  echo "test.sh: $*" >&2
  exit 1
}

is_root() {
  ((EUID == 0))
}

# --- prerequisites -----------------------------------------------------------------------------

# Fills MISSING with the Debian packages whose binaries or modules are absent.
find_missing() {
  MISSING=()
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || MISSING+=(postgresql)
  [[ -x $CHROMIUM ]] || MISSING+=(chromium)
  { [[ -x $PYTHON ]] && "$PYTHON" -c 'import aiosmtpd' 2>/dev/null; } || MISSING+=(python3-aiosmtpd)
  { [[ -x $PYTHON ]] && "$PYTHON" -c 'import icalendar' 2>/dev/null; } || MISSING+=(python3-icalendar)
}

apt_install() {
  local output
  # Quiet unless it fails; then show everything apt said.
  if ! output=$(DEBIAN_FRONTEND=noninteractive apt-get -qq update 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends "$@" 2>&1); then
    echo "$output" >&2
    die "apt-get install $* failed"
  fi
}

ensure_prerequisites() {
  find_missing
  if ((${#MISSING[@]} == 0)); then
    return
  fi
  if ! is_root; then
    die "missing prerequisites: ${MISSING[*]}. Install them with: sudo apt-get install -y ${MISSING[*]}"
  fi
  local packages=("${MISSING[@]}")
  # Chromium only recommends fonts; without them pages render with no text glyphs.
  if [[ " ${MISSING[*]} " == *" chromium "* ]]; then
    packages+=(fonts-liberation)
  fi
  echo "Installing ${packages[*]} ..."
  apt_install "${packages[@]}"
  find_missing
  if ((${#MISSING[@]} > 0)); then
    die "still missing after apt-get install: ${MISSING[*]}"
  fi
}

# --- throwaway PostgreSQL ----------------------------------------------------------------------

# Runs a PostgreSQL tool as the cluster's owner: the server refuses to run as root. The cd keeps
# initdb from failing on a working directory the postgres user cannot read (e.g. under /root).
as_pg_owner() {
  if is_root; then
    (cd "$WORK_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

free_port() {
  "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_postgres() {
  local pg_dir=$WORK_DIR/postgres port
  PG_DATA=$pg_dir/data
  mkdir -p "$pg_dir/socket"
  if is_root; then
    chmod 711 "$WORK_DIR" # lets the postgres user reach its folder, nothing more
    chown -R postgres: "$pg_dir"
  fi

  as_pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }

  port=$(free_port)
  # Durability off: the cluster is thrown away, and tests create many databases.
  cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pg_dir/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
EOF

  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$pg_dir/server.log" -w -t 60 -s start >/dev/null ||
    { cat "$pg_dir/server.log" >&2; die "PostgreSQL did not start"; }
  echo "PostgreSQL 15 listening on 127.0.0.1:$port"
  export CLINIC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

# Silent: the summary line must stay the last line of output.
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -s stop >/dev/null 2>&1 || true
  fi
  if [[ -n $WORK_DIR ]]; then
    rm -rf "$WORK_DIR"
  fi
}

# --- tests -------------------------------------------------------------------------------------

# Builds the whole solution first, on every core, so the three test assemblies then start together: left to build
# them itself, `dotnet test` built the Host tests only after the browser tests had finished running.
build() {
  local configuration=() previous="" argument
  for argument in "$@"; do
    [[ $previous == -c || $previous == --configuration ]] && configuration=(--configuration "$argument")
    previous=$argument
  done
  dotnet build "$SOLUTION" -v q -nologo "${configuration[@]}"
}

run_tests() {
  export CLINIC_TEST_CHROMIUM=$CHROMIUM
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  build "$@" || return
  dotnet test "$SOLUTION" \
    --no-build \
    --results-directory "$WORK_DIR/results" \
    --logger trx \
    --logger "console;verbosity=minimal" \
    "$@"
}

# Prints "passed failed skipped", counted over every test result in the .trx files.
count_results() {
  "$PYTHON" - "$WORK_DIR/results" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome == "NotExecuted":
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
print(passed, failed, skipped)
PY
}

# The test classes that took longest, summed over their tests: where a slow run spent its time.
slowest_classes() {
  "$PYTHON" - "$WORK_DIR/results" <<'PY'
import collections, pathlib, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
seconds = collections.Counter()
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    root = ET.parse(trx).getroot()
    classes = {t.get("id"): t.find("t:TestMethod", ns).get("className") for t in root.iterfind(".//t:UnitTest", ns)}
    for result in root.iterfind(".//t:UnitTestResult", ns):
        h, m, s = (result.get("duration") or "0:0:0").split(":")
        seconds[classes.get(result.get("testId"), "?")] += int(h) * 3600 + int(m) * 60 + float(s)
if seconds:
    print("Slowest test classes (seconds, summed over their tests):")
    for name, total in seconds.most_common(8):
        print(f"  {total:7.1f}  {name}")
PY
}

main() {
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  cd "$(dirname "${BASH_SOURCE[0]}")" # the repo root, where the solution lives

  ensure_prerequisites
  WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/clinic-test.XXXXXX")
  start_postgres

  local status=0 counts passed failed skipped summary
  run_tests "$@" || status=$?
  counts=$(count_results) || die "could not read the .trx files"
  read -r passed failed skipped <<<"$counts"
  slowest_classes || true
  if [[ -n ${CLINIC_TEST_RESULTS:-} ]]; then
    mkdir -p "$CLINIC_TEST_RESULTS" && cp -r "$WORK_DIR/results/." "$CLINIC_TEST_RESULTS/"
  fi

  summary="$passed passed, $failed failed"
  ((skipped == 0)) || summary+=", $skipped skipped"
  # A run where nothing executed (e.g. a filter that matches no test) is not a success.
  if ((status == 0 && (failed > 0 || passed + failed == 0))); then
    status=1
  fi
  echo
  echo "$summary"
  exit "$status"
}

main "$@"
