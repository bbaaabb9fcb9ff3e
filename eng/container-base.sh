#!/usr/bin/env bash
# Container images without Docker: the base image every YeKuo image is published on, and a loopback registry to serve it.
#
# Production publishes on mcr.microsoft.com/dotnet/runtime-deps:10.0 (the ContainerBaseImage setting in
# eng/Containers.props). Where that registry cannot be reached, this builds a stand-in from Debian's packages: the same
# contents (glibc, ICU, OpenSSL, CA certificates, tzdata, the non-root user app 1654) and the same settings (user 1654,
# working directory /app, port 8080), as an OCI layout that skopeo can push to any registry.
#
#   eng/container-base.sh build            builds the base once (cached under artifacts/containers/, keyed by this
#                                          recipe) and prints the OCI layout's reference, e.g. oci:DIR:bookworm
#   eng/container-base.sh serve PORT DIR   runs a registry on 127.0.0.1:PORT (storage in DIR) in the foreground
#   eng/container-base.sh push REGISTRY    pushes the base to REGISTRY (host:port, plain HTTP) as yekuo/base:bookworm
#
# Needs root (debootstrap) and Debian's debootstrap, umoci, skopeo and docker-registry (eng/install-prereqs.sh --with-containers).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cache="${YEKUO_CONTAINER_CACHE:-$repo/artifacts/containers}"
suite=bookworm
tag=bookworm
repository=yekuo/base
# What the official runtime-deps image holds beyond a minimal Debian: what a self-contained .NET app loads.
packages=libicu72,libssl3,ca-certificates,tzdata
app_uid=1654

recipe=$(sha256sum "$0" | cut -c1-12)
layout="$cache/base-$recipe"

mirror() {
  # The mirror apt already uses (deb822 or one-line sources), else Debian's.
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
  [ -n "$uri" ] || uri=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | head -1 || true)
  echo "${YEKUO_DEBIAN_MIRROR:-${uri:-http://deb.debian.org/debian}}"
}

build() {
  if [ -f "$layout/index.json" ]; then
    echo "oci:$layout:$tag"
    return
  fi
  local rootfs started
  started=$(date +%s)
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.build-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  rootfs="$work/rootfs"

  echo "container-base: debootstrap $suite ($packages) from $(mirror)" >&2
  debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$(mirror)" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

  # The non-root user of Microsoft's .NET images (APP_UID 1654); /app is where the SDK puts the application.
  chroot "$rootfs" groupadd --gid "$app_uid" app
  chroot "$rootfs" useradd --no-log-init --uid "$app_uid" --gid app --create-home --shell /usr/sbin/nologin app
  mkdir -p "$rootfs/app"

  # Nothing a running service reads: documentation, manuals, apt's lists and caches, logs (≈ 264 → 123 MB).
  rm -rf "$rootfs"/usr/share/{doc,man,info,lintian,linda}/* "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/debootstrap
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +

  local image="$work/oci"
  umoci init --layout "$image"
  umoci new --image "$image:$tag"
  umoci insert --image "$image:$tag" --history.created_by "debootstrap --variant=minbase --include=$packages $suite" "$rootfs" /
  umoci config --image "$image:$tag" --history.created_by "user app, port 8080" \
    --config.user="$app_uid" --config.workingdir=/app --config.exposedports=8080/tcp \
    --config.env=APP_UID="$app_uid" --config.env=ASPNETCORE_HTTP_PORTS=8080 --config.env=DOTNET_RUNNING_IN_CONTAINER=true \
    --config.env=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  umoci gc --layout "$image"

  rm -rf "$layout"
  mv "$image" "$layout"
  # Older recipes are of no use any more.
  find "$cache" -mindepth 1 -maxdepth 1 -name 'base-*' ! -name "base-$recipe" -exec rm -rf {} +
  echo "container-base: built in $(( $(date +%s) - started )) s ($(du -sh "$layout" | cut -f1) compressed)" >&2
  echo "oci:$layout:$tag"
}

serve() {
  local port=$1 storage=$2
  mkdir -p "$storage"
  local config="$storage/config.yml"
  cat >"$config" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $storage/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
  exec docker-registry serve "$config"
}

push() {
  local registry=$1 source
  source=$(build)
  skopeo copy --quiet --dest-tls-verify=false "$source" "docker://$registry/$repository:$tag"
  echo "$registry/$repository:$tag"
}

case "${1:-}" in
  build) build ;;
  serve) [ $# -eq 3 ] || { echo "usage: $0 serve PORT DIR" >&2; exit 2; }; serve "$2" "$3" ;;
  push) [ $# -eq 2 ] || { echo "usage: $0 push REGISTRY" >&2; exit 2; }; push "$2" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
