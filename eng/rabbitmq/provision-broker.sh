#!/usr/bin/env bash
# Provisions YeKuo's virtual host on a RabbitMQ node for production (docs/security.md, "Production infrastructure"):
#   - one user per service (no tags: no management UI, no rabbitmqctl), which may
#       configure (declare, delete) only its own queues and exchanges "<service>-…" (endpoints, _error, _skipped),
#         the event exchanges "YeKuo.Contracts.Events:<Event>" (MassTransit declares them when binding and publishing),
#         MassTransit's fault exchanges, the partner exchange yekuo.events and (services that complete steps) the
#         handoff exchange yekuo.handoffs;
#       write (publish to, bind into) only its own queues and exchanges, the events its service owns (the table
#         below), fault exchanges and yekuo.events;
#       read (consume, get, purge, bind from) only its own queues and the event exchanges;
#   - an operator user (administrator tag: the management UI, error-queue handling); the default guest user removed.
# What this prevents and what it cannot: docs/security.md.
#
# Passwords come from files, one per user: <secrets>/rabbitmq-<user>-password (a mounted Kubernetes secret, say);
# nothing secret is echoed or written anywhere.
#
# Partners that consume the CloudEvents over AMQP get a user each (--partner NAME): their own queues "partner-NAME-…",
# bound to yekuo.events, and nothing else.
#
# Usage: eng/rabbitmq/provision-broker.sh --secrets DIR [--vhost yekuo] [--ctl PATH] [--node NAME] [--partner NAME]…
# Re-running is safe: users and permissions are set again (passwords changed to the files' content).
set -euo pipefail

vhost=yekuo
secrets=
ctl=${RABBITMQCTL:-rabbitmqctl}
node=()
partners=()
while [ $# -gt 0 ]; do
  case "$1" in
    --secrets) secrets=$2; shift 2 ;;
    --vhost) vhost=$2; shift 2 ;;
    --ctl) ctl=$2; shift 2 ;;
    --node) node=(-n "$2"); shift 2 ;;
    --partner) partners+=("$2"); shift 2 ;;
    *) echo "provision-broker.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$secrets" ] || { echo "provision-broker.sh: --secrets DIR is required" >&2; exit 2; }

# The events each service publishes: the contract types of services/YeKuo.Contracts/Events, whose exchanges MassTransit
# names "YeKuo.Contracts.Events:<Type>". The four department services share the worklist's events (YeKuo.Workflow.Hosting).
# tests/YeKuo.Security.Tests/BrokerPermissionTests.cs fails when a contract is missing here.
events='YeKuo\.Contracts\.Events'
worklist="StepCompleted|WorkItemOpened|WorkItemClaimed|WorkItemPaused|WorkItemResumed|DeadlineWarningRaised|WorkItemEscalated"
declare -A publishes=(
  [acceptance]="$worklist|ApplicationSubmitted|ApplicationAccepted|ApplicationRejected|ApplicationWithdrawn|TemporarySupplyEndingSoon|TemporarySupplyEnded|CustomerManagerChanged"
  [supplyscheme]="$worklist|SchemeReviewCompleted|SchemeReviewOpinionOverdue|SchemeMeetingDecided|ChargesAssessed|ChargesPaid|ChargesRefunded|SchemeRepliedBeforeAcceptance"
  [inspection]="$worklist"
  [metering]="$worklist|PowerConnected"
  [notification]="ComplaintRecorded|ComplaintReassigned|SatisfactionRated|FollowUpVisited"
)

password_of() {
  local file="$secrets/rabbitmq-$1-password"
  [ -s "$file" ] || { echo "provision-broker.sh: $file is missing or empty" >&2; exit 1; }
  tr -d '\r\n' < "$file"
}

rmq() { "$ctl" "${node[@]}" "$@"; }

set_user() {
  local user=$1 password
  password=$(password_of "$user")
  if rmq list_users --quiet --no-table-headers 2>/dev/null | awk '{print $1}' | grep -qx "$user"; then
    rmq change_password "$user" "$password" >/dev/null
  else
    rmq add_user "$user" "$password" >/dev/null
  fi
}

rmq add_vhost "$vhost" >/dev/null 2>&1 || true

set_user operator
rmq set_user_tags operator administrator >/dev/null
rmq set_permissions -p "$vhost" operator '.*' '.*' '.*' >/dev/null

faults='MassTransit:Fault--.*'
for service in "${!publishes[@]}"; do
  set_user "$service"
  rmq set_user_tags "$service" >/dev/null
  # Services that complete steps declare the handoff exchange yekuo.handoffs, bind StepCompleted into it and their
  # own open-next-step endpoint from it (docs/reliability.md, "Consumers that change nothing"); the others never touch it.
  handoffs=
  if [[ "|${publishes[$service]}|" == *"|StepCompleted|"* ]]; then handoffs='|yekuo\.handoffs'; fi
  rmq set_permissions -p "$vhost" "$service" \
    "^($service-.*|$events:.*|$faults|yekuo\\.events$handoffs)\$" \
    "^($service-.*|$events:(${publishes[$service]})|$faults|yekuo\\.events$handoffs)\$" \
    "^($service-.*|$events:.*$handoffs)\$" >/dev/null
  echo "provision-broker.sh: $service may publish ${publishes[$service]//|/, }"
done

for partner in "${partners[@]}"; do
  user="partner-$partner"
  set_user "$user"
  rmq set_user_tags "$user" >/dev/null
  rmq set_permissions -p "$vhost" "$user" "^$user-.*\$" "^$user-.*\$" "^($user-.*|yekuo\\.events)\$" >/dev/null
  echo "provision-broker.sh: partner $partner may bind its queues $user-… to yekuo.events"
done

# Last: the default guest user (an administrator, and allowed from anywhere where loopback_users = none).
rmq delete_user guest >/dev/null 2>&1 || true
echo "provision-broker.sh: vhost $vhost ready; guest removed"
