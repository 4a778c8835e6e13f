#!/usr/bin/env bash
# Plans, applies or checks for drift stacks of one environment, in dependency order.
#   scripts/ci/terraform.sh preview <env> <dir> [stack…]  # pull requests: plan without the state lock
#   scripts/ci/terraform.sh plan    <env> <dir> [stack…]  # deploy: saved plans, plan JSON, gate reports
#   scripts/ci/terraform.sh apply   <env> <dir> [stack…]  # applies those plans one stack at a time;
#       a stack whose upstream outputs changed during this apply is re-planned, compared with the
#       reviewed plan and gated again before it applies
#   scripts/ci/terraform.sh drift   <env> <dir> [stack…]  # plans without the lock; writes <dir>/drift.md;
#       exit 2 when something changed outside Terraform
#   scripts/ci/terraform.sh rollout <env> <dir>           # by hand: plan, gate, confirm, apply per stack
# Without stacks, every stack of the environment. Expects cdktf.out/ (npm run synth), the stacks'
# lock files in locks/ and AWS credentials for the environment's account.
set -euo pipefail

mode=${1:?mode}
environment=${2:?environment}
target=${3:?plans directory}
shift 3
export TF_IN_AUTOMATION=1 TF_INPUT=0
if [ "$#" -gt 0 ]; then stacks=("$@"); else mapfile -t stacks < <(node scripts/run-ts.mjs scripts/stack-order.ts "$environment"); fi
mkdir -p "$target"
target=$(cd "$target" && pwd)

tf() { local stack=$1; shift; terraform -chdir="cdktf.out/stacks/$stack" "$@"; }

# Synthesis wipes cdktf.out/, so each stack's provider lock lives in locks/ and is copied in;
# init refuses to change it, so the checksums reviewers committed are the ones used.
init() {
  local stack=$1 lock="locks/$1.terraform.lock.hcl"
  if [ ! -f "$lock" ]; then
    echo "::error::$stack has no provider lock file ($lock). Create it with network access: scripts/ci/lock-providers.sh $stack — then commit it." >&2
    return 1
  fi
  cp "$lock" "cdktf.out/stacks/$stack/.terraform.lock.hcl"
  tf "$stack" init -input=false -no-color -lockfile=readonly >/dev/null
}

gate() {
  local stack=$1 json=$2 report=$3
  local args=(--markdown "$report" --environment "$environment" --stack "$stack")
  [ -f gate-allow.yaml ] && args+=(--allow gate-allow.yaml)
  # What `npm run gate` runs, without npm's own start-up for every stack.
  node scripts/run-ts.mjs scripts/gate.ts "$json" "${args[@]}"
}

# plan <stack> <lock> <name>: saved plan, its JSON and its gate report under $target; returns the gate's code.
plan_stack() {
  local stack=$1 lock=$2 name=$3
  tf "$stack" plan -input=false -no-color -lock="$lock" -lock-timeout=5m -out="$target/$name.tfplan" >"$target/$name.plan.txt"
  tf "$stack" show -json "$target/$name.tfplan" >"$target/$name.plan.json"
  gate "$stack" "$target/$name.plan.json" "$target/$name.gate.md"
}

outputs_digest() { tf "$1" output -json | sha256sum | cut -d' ' -f1; }

case "$mode" in
  preview | plan)
    lock=$([ "$mode" = preview ] && echo false || echo true)
    blocked=0
    for stack in "${stacks[@]}"; do
      init "$stack"
      plan_stack "$stack" "$lock" "$stack" || blocked=1
    done
    exit "$blocked"
    ;;
  apply)
    changed=() # stacks whose outputs this apply changed
    declare -A upstream_of
    while read -r stack deps; do upstream_of[$stack]=$deps; done < <(node scripts/run-ts.mjs scripts/stack-order.ts --upstream-all)
    for stack in "${stacks[@]}"; do
      [ -f "$target/$stack.tfplan" ] || { echo "::error::no reviewed plan for $stack in $target" >&2; exit 1; }
      init "$stack"
      plan_file="$target/$stack.tfplan"
      read -ra upstream <<<"${upstream_of[$stack]:-}"
      stale=""
      for u in "${upstream[@]}"; do for c in "${changed[@]}"; do [ "$u" = "$c" ] && stale=$u; done; done
      if [ -n "$stale" ]; then
        # The reviewed plan read $stale's old outputs: plan again on the new ones.
        echo "$stale changed its outputs: re-planning $stack"
        plan_stack "$stack" true "$stack.replan" || { echo "::error::the re-plan of $stack is blocked by the gate" >&2; exit 1; }
        node scripts/run-ts.mjs scripts/plan-compare.ts "$target/$stack.plan.json" "$target/$stack.replan.plan.json"
        plan_file="$target/$stack.replan.tfplan"
      fi
      before=$(outputs_digest "$stack")
      if ! tf "$stack" apply -input=false -no-color -lock-timeout=5m "$plan_file"; then
        # Terraform writes errored.tfstate when it cannot save state: keep it for recovery.
        [ -f "cdktf.out/stacks/$stack/errored.tfstate" ] && cp "cdktf.out/stacks/$stack/errored.tfstate" "$target/$stack.errored.tfstate"
        exit 1
      fi
      [ "$(outputs_digest "$stack")" = "$before" ] || changed+=("$stack")
    done
    ;;
  drift)
    for stack in "${stacks[@]}"; do
      init "$stack"
      tf "$stack" plan -input=false -no-color -lock=false -out="$target/$stack.tfplan" >"$target/$stack.plan.txt"
      tf "$stack" show -json "$target/$stack.tfplan" >"$target/$stack.plan.json"
    done
    node scripts/run-ts.mjs scripts/drift-report.ts "$environment" "$target" "$target/drift.md"
    ;;
  rollout)
    for stack in "${stacks[@]}"; do
      init "$stack"
      plan_stack "$stack" true "$stack" || { cat "$target/$stack.gate.md"; echo "stopped: the gate blocks $stack" >&2; exit 1; }
      cat "$target/$stack.gate.md"
      read -r -p "Apply $stack? Type yes: " answer
      [ "$answer" = "yes" ] || { echo "stopped before $stack" >&2; exit 1; }
      tf "$stack" apply -input=false -no-color -lock-timeout=5m "$target/$stack.tfplan"
    done
    ;;
  *)
    echo "unknown mode: $mode (preview, plan, apply, drift or rollout)" >&2
    exit 2
    ;;
esac
