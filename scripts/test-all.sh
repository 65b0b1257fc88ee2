#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it (and CI, through .ci/run):
#   1. dependencies (npm install when node_modules is missing; see .ci/run for why not npm ci)
#      and the browser assets;
#   2. type check and lint; the OpenAPI document as the built server serves it, linted by Redocly
#      (recommended rules; scripts/lint-served-openapi.ts);
#   3. unit and integration tests on the embedded PGlite database, then the calendar-sensitive
#      suites again with the clock set to hard days (Christmas Eve, both daylight-saving nights,
#      the day before Easter Monday, New Year's Eve, 29 February);
#   4. the same tests on a throwaway PostgreSQL 15 server (scripts/with-postgres.sh);
#   5. browser tests in Debian's Chromium (test/e2e).
# On a Debian machine as root it installs what is missing (postgresql-15, chromium, a Java runtime
# for the HTML checker); otherwise it prints the command to run. SKIP_PG=1 skips stage 4 for a quick local run (never in CI).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CI="${CI:-false}"
export DEBIAN_FRONTEND=noninteractive
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH="$CHROMIUM"

logdir="$(mktemp -d -t klaster-test-XXXXXX)"
trap 'rm -rf "$logdir"' EXIT

declare -a results=()
failed_stages=0
total_pass=0
total_fail=0

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs one stage, showing its output as it goes; adds node:test's own counts to the totals.
stage() {
  local name="$1"
  shift
  local log="$logdir/stage-${#results[@]}.log"
  local started=$SECONDS
  echo
  echo "━━━ ${name}"
  set +e
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  local pass fail
  pass=$(awk '/^(ℹ|#) pass [0-9]+/ {s += $3} END {print s + 0}' "$log")
  fail=$(awk '/^(ℹ|#) fail [0-9]+/ {s += $3} END {print s + 0}' "$log")
  total_pass=$((total_pass + pass))
  total_fail=$((total_fail + fail))
  local counts=""
  if grep -aqE '^(ℹ|#) pass [0-9]+' "$log"; then counts=" — ${pass} passed, ${fail} failed"; fi
  local verdict="ok"
  if [[ $status -ne 0 ]]; then
    verdict="FAILED (exit ${status})"
    failed_stages=$((failed_stages + 1))
  fi
  results+=("$(printf '%-44s %-18s %4ss%s' "$name" "$verdict" $((SECONDS - started)) "$counts")")
  echo "━━━ ${name}: ${verdict}${counts}"
  return 0
}

# A stage that cannot run: counted as failed, with the reason.
cannot() {
  echo
  echo "━━━ $1: cannot run — $2" >&2
  results+=("$(printf '%-44s %-18s %s' "$1" "FAILED" "$2")")
  failed_stages=$((failed_stages + 1))
}

# ── 1. Dependencies and system packages ────────────────────────────────────────────────
if [[ ! -d node_modules ]]; then
  stage "install dependencies (npm install)" npm install --no-audit --no-fund
  [[ -d node_modules ]] || { echo "npm install failed; nothing else can run" >&2; exit 1; }
fi

run_pg=true
if [[ "${SKIP_PG:-}" == "1" ]]; then
  if [[ "$CI" == "true" ]]; then
    echo "SKIP_PG=1 is ignored in CI: the PostgreSQL stage always runs there." >&2
  else
    run_pg=false
  fi
fi

missing=()
$run_pg && [[ ! -x "$PG_BIN/postgres" ]] && missing+=(postgresql-15)
[[ ! -x "$CHROMIUM" ]] && missing+=(chromium fonts-dejavu-core fonts-liberation)
# The browser tests run the Nu HTML checker (node_modules/vnu-jar) on the system Java.
command -v java >/dev/null || missing+=(default-jre-headless)
if [[ ${#missing[@]} -gt 0 ]]; then
  if is_root && command -v apt-get >/dev/null; then
    stage "install system packages: ${missing[*]}" \
      bash -c "apt-get update -q && apt-get install -y -q --no-install-recommends ${missing[*]}"
  else
    echo
    echo "Missing system packages: ${missing[*]}. Install them with:" >&2
    echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  fi
fi

# ── 2. Build, type check, lint ─────────────────────────────────────────────────────────
stage "build (assets and server)" npm run -s build
stage "OpenAPI document of the built server (Redocly lint)" npm run -s lint:openapi
stage "type check (tsc)" npm run -s typecheck
stage "lint (biome)" npm run -s lint

# ── 3. Unit and integration tests on PGlite ────────────────────────────────────────────
stage "unit + integration tests on PGlite" env -u TEST_DATABASE_URL -u DATABASE_URL npm run -s test:unit

# ── 3b. The calendar-sensitive suites again, on the days where calendar code breaks ─────
# The test clock starts at TEST_NOW (Warsaw wall time; test/support/clock.ts). `npm run
# test:calendar` lists the suites whose rules depend on the date; each later module adds its own.
# CALENDAR_DAYS overrides the list (an empty value skips the stage locally; never in CI).
default_days="2026-12-24T09:00 2027-03-27T23:30 2027-03-28T10:00 2027-10-30T23:30 2026-12-31T23:30 2028-02-29T09:00"
calendar_days="${CALENDAR_DAYS-$default_days}"
[[ "$CI" == "true" ]] && calendar_days="$default_days"
for day in $calendar_days; do
  stage "calendar suites with the clock at ${day}" \
    env -u TEST_DATABASE_URL -u DATABASE_URL TEST_NOW="$day" npm run -s test:calendar
done

# ── 4. The same on PostgreSQL 15 ───────────────────────────────────────────────────────
if ! $run_pg; then
  results+=("$(printf '%-44s %-18s %s' "unit + integration tests on PostgreSQL 15" "skipped" "SKIP_PG=1 (local only)")")
elif [[ ! -x "$PG_BIN/postgres" ]]; then
  cannot "unit + integration tests on PostgreSQL 15" \
    "no $PG_BIN/postgres; run: sudo apt-get install -y postgresql-15"
else
  stage "unit + integration tests on PostgreSQL 15" \
    env -u DATABASE_URL bash scripts/with-postgres.sh npm run -s test:unit
fi

# ── 5. Browser tests in Chromium ───────────────────────────────────────────────────────
e2e_files=$(find test/e2e -type f \( -name '*.test.ts' -o -name '*.test.tsx' \) 2>/dev/null | wc -l)
if [[ ! -x "$CHROMIUM" ]]; then
  cannot "browser tests (Chromium)" "no $CHROMIUM; run: sudo apt-get install -y chromium fonts-dejavu-core"
elif [[ "$e2e_files" -eq 0 ]]; then
  echo
  echo "━━━ browser tests (Chromium): test/e2e has no test files yet"
  results+=("$(printf '%-44s %-18s %s' "browser tests (Chromium)" "none yet" "no test/e2e/*.test.ts")")
else
  stage "browser tests (Chromium)" env -u TEST_DATABASE_URL -u DATABASE_URL npm run -s test:e2e
fi

# ── Summary ────────────────────────────────────────────────────────────────────────────
echo
echo "━━━ Summary"
for r in "${results[@]}"; do echo "  $r"; done
echo
if [[ $failed_stages -gt 0 ]]; then echo "${failed_stages} stage(s) failed"; fi
echo "${total_pass} passed, ${total_fail} failed"
[[ $failed_stages -eq 0 ]]
