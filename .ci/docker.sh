#!/usr/bin/env bash
# Docker for the container tests, on a machine with no engine and no registry:
#   start_docker        installs Debian's engine if missing and starts dockerd in the background
#   build_base_image    a local JRE base image (no registry can be reached): Debian bookworm with
#                       openjdk-17-jre-headless, made by debootstrap from Debian's mirror; kept
#                       between runs on the same machine
#   stop_docker         stops the engine this script started, by its pid
# Source it; .ci/run does.

export BASE_IMAGE=${BASE_IMAGE:-p2p-share/jre-base:17}
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export DOCKER_HOST=unix:///var/run/docker.sock

start_docker() {
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1 \
      || ! command -v docker-compose >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      docker.io docker-compose debootstrap iptables >/dev/null
  fi
  if docker info >/dev/null 2>&1; then
    echo "docker.sh: using the Docker engine that is already running"
    return 0
  fi
  DOCKERD_LOG=$(mktemp /tmp/p2p-dockerd.XXXXXX.log)
  dockerd >"$DOCKERD_LOG" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && { echo "docker.sh: dockerd $DOCKERD_PID is up"; return 0; }
    sleep 1
  done
  echo "docker.sh: dockerd did not start; see $DOCKERD_LOG" >&2
  return 1
}

build_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    echo "docker.sh: base image $BASE_IMAGE already here"
    return 0
  fi
  local root
  root=$(mktemp -d /tmp/p2p-jre-root.XXXXXX)
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
    bookworm "$root" http://deb.debian.org/debian >/tmp/p2p-debootstrap.log 2>&1
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar -C "$root" -c . | docker import - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
  echo "docker.sh: built base image $BASE_IMAGE"
}


stop_docker() {
  if [ -n "${DOCKERD_PID:-}" ]; then
    kill "$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
  fi
}
