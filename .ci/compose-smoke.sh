#!/usr/bin/env bash
# The compose demo, for real: up, wait until every leech reports every sample complete through its
# REST API, compare each file's SHA-256 with the seed's, check the tracker lists all four peers as
# full sources, tear down. Needs the jars built and a Docker engine; BASE_IMAGE picks the JRE base.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE="docker-compose -p p2p-smoke"
SAMPLES="sample-1mb.bin sample-8mb.bin sample-32mb.bin"

teardown() {
  $COMPOSE logs --no-color >/tmp/p2p-compose-smoke.log 2>&1 || true
  $COMPOSE down -v >/dev/null 2>&1 || true
}
trap teardown EXIT

if ! $COMPOSE up -d --build >/tmp/p2p-compose-up.log 2>&1; then
  cat /tmp/p2p-compose-up.log >&2
  exit 1
fi
echo "compose-smoke: the demo is up (${BASE_IMAGE:-eclipse-temurin:17-jre} as the JRE base)"

# how many downloads the agent on this host port reports complete (0 while it does not answer)
complete() {
  local body
  body=$(curl -sf "localhost:$1/api/v1/downloads") || { echo 0; return; }
  { grep -o '"state":"COMPLETE"' <<<"$body" || true; } | wc -l
}

failed() {
  curl -sf "localhost:$1/api/v1/downloads" | grep -q '"state":"FAILED"'
}

deadline=$((SECONDS + 300))
for port in 8082 8083 8084; do
  until [ "$(complete "$port")" -eq 3 ]; do
    if [ "$SECONDS" -gt "$deadline" ] || failed "$port"; then
      echo "compose-smoke: leech on port $port did not complete every sample; logs in /tmp/p2p-compose-smoke.log" >&2
      curl -s "localhost:$port/api/v1/downloads" >&2 || true
      exit 1
    fi
    sleep 2
  done
  echo "compose-smoke: leech on port $port holds all three samples"
done

for sample in $SAMPLES; do
  expected=$($COMPOSE exec -T seed sha256sum "/data/share/$sample" | cut -d' ' -f1)
  for leech in leech-1 leech-2 leech-3; do
    actual=$($COMPOSE exec -T "$leech" sha256sum "/data/share/$sample" | cut -d' ' -f1)
    if [ "$actual" != "$expected" ]; then
      echo "compose-smoke: $leech has $sample with SHA-256 $actual, the seed $expected" >&2
      exit 1
    fi
  done
  echo "compose-smoke: $sample is $expected on the seed and every leech"
done

for sample in $SAMPLES; do
  deadline=$((SECONDS + 60))
  until [ "$(curl -sf "localhost:8080/api/v1/files/$sample/locations" | grep -o '"complete":true' | wc -l)" -eq 4 ]; do
    if [ "$SECONDS" -gt "$deadline" ]; then
      echo "compose-smoke: the tracker does not list four full sources of $sample" >&2
      exit 1
    fi
    sleep 1
  done
done
from_leeches=$(curl -s localhost:8082/api/v1/downloads localhost:8083/api/v1/downloads localhost:8084/api/v1/downloads \
  | { grep -o '"peer-[^"]*":' || true; } | sort -u | wc -l)
echo "compose-smoke: the tracker lists four full sources of every sample; the leeches got chunks from $from_leeches peer(s)"
if [ "$from_leeches" -lt 2 ]; then
  echo "compose-smoke: every chunk came from the seed; the leeches did not feed each other" >&2
  exit 1
fi
echo "compose-smoke: passed"
