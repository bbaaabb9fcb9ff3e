#!/usr/bin/env bash
# Prints the pids of processes a YeKuo AppHost run on state directory $1 left behind: anything whose command line,
# environment or working directory names that directory (services, RabbitMQ and its epmd, Redis), plus the DCP that
# watched AppHost pid $2 (optional). Used by run.sh (before it starts) and eng/apphost-cycles.sh (after each stop).
set -uo pipefail
state=$1
apphost=${2:-}
# This script and whoever called it (run.sh may carry --state-dir on its command line) are not leftovers.
ancestors=" "
pid=$$
while [ -n "$pid" ] && [ "$pid" -gt 1 ] 2>/dev/null; do
  ancestors+="$pid "
  pid=$(awk '{ print $4 }' "/proc/$pid/stat" 2>/dev/null)
done
for dir in /proc/[0-9]*; do
  pid=${dir#/proc/}
  [[ "$ancestors" == *" $pid "* ]] && continue
  if grep -qsF -- "$state" "$dir/environ" "$dir/cmdline" 2>/dev/null \
    || [[ "$(readlink "$dir/cwd" 2>/dev/null)" == "$state"* ]] \
    || { [ -n "$apphost" ] && { tr '\0' ' ' <"$dir/cmdline"; } 2>/dev/null | grep -qF -- "--monitor $apphost"; }; then
    echo "$pid"
  fi
done
