#!/usr/bin/env bash
# The compose demo, for real: up, wait until every leech reports every sample complete through its
# REST API, compare each file's SHA-256 with the seed's, check the tracker lists all four peers as
# full sources; then down and up again (the named volumes keep everything) and check the same
# swarm comes back with nothing fetched or hashed again; tear down. Needs the jars built and a
# Docker engine; BASE_IMAGE picks the JRE base.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE="docker-compose -p p2p-smoke"
SAMPLES="sample-1mb.bin sample-8mb.bin sample-32mb.bin"
LEECH_PORTS="8082 8083 8084"
LOG=/tmp/p2p-compose-smoke.log

teardown() {
  $COMPOSE logs --no-color >"$LOG" 2>&1 || true
  $COMPOSE down -v >/dev/null 2>&1 || true
}
trap teardown EXIT

fail() {
  echo "compose-smoke: $*; logs in $LOG" >&2
  exit 1
}

# how often a pattern occurs in what a URL answers (0 while nothing answers)
count() {
  local body
  body=$(curl -sf "$2") || { echo 0; return; }
  { grep -o "$1" <<<"$body" || true; } | wc -l
}

up() {
  if ! $COMPOSE up -d "$@" >/tmp/p2p-compose-up.log 2>&1; then
    cat /tmp/p2p-compose-up.log >&2
    exit 1
  fi
  echo "compose-smoke: the demo is up (${BASE_IMAGE:-eclipse-temurin:17-jre} as the JRE base)"
}

# waits until the tracker lists every sample with four complete sources
await_four_sources() {
  local sample deadline=$((SECONDS + 120))
  for sample in $SAMPLES; do
    until [ "$(count '"complete":true' "localhost:8080/api/v1/files/$sample/locations")" -eq 4 ]; do
      [ "$SECONDS" -le "$deadline" ] || fail "the tracker does not list four full sources of $sample"
      sleep 1
    done
  done
  echo "compose-smoke: the tracker lists four full sources of every sample"
}

check_hashes() {
  local sample leech expected actual
  for sample in $SAMPLES; do
    expected=$($COMPOSE exec -T seed sha256sum "/data/share/$sample" | cut -d' ' -f1)
    for leech in leech-1 leech-2 leech-3; do
      actual=$($COMPOSE exec -T "$leech" sha256sum "/data/share/$sample" | cut -d' ' -f1)
      [ "$actual" = "$expected" ] || fail "$leech has $sample with SHA-256 $actual, the seed $expected"
    done
    echo "compose-smoke: $sample is $expected on the seed and every leech"
  done
}

up --build
started=$SECONDS
deadline=$((SECONDS + 300))
for port in $LEECH_PORTS; do
  until [ "$(count '"state":"COMPLETE"' "localhost:$port/api/v1/downloads")" -eq 3 ]; do
    if [ "$SECONDS" -gt "$deadline" ] || [ "$(count '"state":"FAILED"' "localhost:$port/api/v1/downloads")" -gt 0 ]; then
      curl -s "localhost:$port/api/v1/downloads" >&2 || true
      fail "the leech on port $port did not complete every sample"
    fi
    sleep 1
  done
done
echo "compose-smoke: every leech holds all three samples, $((SECONDS - started)) s after up"
check_hashes
await_four_sources
sources=$(for port in $LEECH_PORTS; do curl -s "localhost:$port/api/v1/downloads"; done \
  | { grep -o '"peer-[^"]*":' || true; } | sort -u | wc -l)
echo "compose-smoke: the leeches got chunks from $sources peer(s)"
[ "$sources" -ge 2 ] || fail "every chunk came from the seed; the leeches did not feed each other"

# a restart keeps the registry and the files: every leech shares its samples again as they are
$COMPOSE down >/dev/null 2>&1
up
deadline=$((SECONDS + 180))
for port in $LEECH_PORTS; do
  until [ "$(count '"complete":true' "localhost:$port/api/v1/shares")" -eq 3 ]; do
    [ "$SECONDS" -le "$deadline" ] || fail "after the restart the leech on port $port does not share its samples"
    sleep 1
  done
  [ "$(count '"state":"FAILED"' "localhost:$port/api/v1/downloads")" -eq 0 ] \
    || fail "after the restart the leech on port $port reports a failed download"
done
await_four_sources
metrics=$(for port in $LEECH_PORTS; do curl -s "localhost:$port/actuator/prometheus"; done)
[ "$(grep -c '^agent_files_hashed_total' <<<"$metrics")" -eq 3 ] || fail "a leech does not report agent_files_hashed_total"
hashed=$(awk '/^agent_files_hashed_total/ { sum += $2 } END { print sum + 0 }' <<<"$metrics")
[ "$hashed" = 0 ] || fail "after the restart the leeches hashed $hashed file(s) again"
echo "compose-smoke: after the restart every leech shares its samples again, none hashed again"
check_hashes
echo "compose-smoke: passed"
