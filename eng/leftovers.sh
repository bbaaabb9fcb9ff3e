#!/usr/bin/env bash
# Prints the pids of processes a YeKuo AppHost run on state directory $1 left behind: anything whose command line,
# environment or working directory names that directory (services, RabbitMQ and its epmd, Redis), plus the DCP that
# watched AppHost pid $2 (optional). Used by run.sh (before it starts) and eng/apphost-cycles.sh (after each stop).
set -uo pipefail
state=$1
apphost=${2:-}
for dir in /proc/[0-9]*; do
  pid=${dir#/proc/}
  [ "$pid" = "$$" ] && continue
  [ "$pid" = "$PPID" ] && continue
  if grep -qsF -- "$state" "$dir/environ" "$dir/cmdline" 2>/dev/null \
    || [[ "$(readlink "$dir/cwd" 2>/dev/null)" == "$state"* ]] \
    || { [ -n "$apphost" ] && tr '\0' ' ' <"$dir/cmdline" 2>/dev/null | grep -qF -- "--monitor $apphost"; }; then
    echo "$pid"
  fi
done
