#!/usr/bin/env bash
# Installs what the local orchestrator and the integration tests need on a Debian machine, once:
#   rabbitmq-server and redis-server (run by the Aspire AppHost as private executable resources, never as system services),
#   chromium and a Chinese font (fonts-wqy-microhei) with --with-chromium (the web front end's browser tests and screenshots),
#   container tooling with --with-containers (building and running the hosts' images without Docker, eng/container-base.sh
#   and tests/YeKuo.Deploy.Tests): debootstrap, umoci, skopeo, docker-registry, podman and runc.
# Idempotent: does nothing when everything is there. Uses sudo when not root.
set -euo pipefail

with_chromium=false
with_containers=false
for arg in "$@"; do
  case "$arg" in
    --with-chromium) with_chromium=true ;;
    --with-containers) with_containers=true ;;
    -h|--help) echo "usage: eng/install-prereqs.sh [--with-chromium] [--with-containers]"; exit 0 ;;
    *) echo "install-prereqs: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if $with_chromium && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
# Without a CJK font the pages' Chinese renders as empty boxes in headless screenshots.
if $with_chromium && [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then missing+=(fonts-wqy-microhei); fi
if $with_containers; then
  for tool in debootstrap umoci skopeo docker-registry podman runc; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-prereqs: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "install-prereqs: installing ${missing[*]}"
started=$(date +%s)

# Keep the packages from starting their system services while installing (we run private nodes): a policy-rc.d that
# refuses every start, removed again afterwards unless one already existed.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  created_policy=true
fi
cleanup() { if $created_policy; then "${sudo_cmd[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null

# Whatever was started anyway (systemd without policy-rc.d support, an earlier install): stop it and keep it off.
for service in rabbitmq-server redis-server docker-registry; do
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    "${sudo_cmd[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1 && [ -e "/etc/init.d/$service" ]; then
    "${sudo_cmd[@]}" service "$service" stop >/dev/null 2>&1 || true
    command -v update-rc.d >/dev/null 2>&1 && "${sudo_cmd[@]}" update-rc.d "$service" disable >/dev/null 2>&1 || true
  fi
done

echo "install-prereqs: done in $(( $(date +%s) - started )) s"
