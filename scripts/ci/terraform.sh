#!/usr/bin/env bash
# Plans, applies or checks for drift every stack of one environment, in dependency order.
#   scripts/ci/terraform.sh plan  <environment> <plans-dir>   # plan files, plan JSON, gate report
#   scripts/ci/terraform.sh apply <environment> <plans-dir>   # applies exactly those plan files
#   scripts/ci/terraform.sh drift <environment> <report-file> # exit 2 when any stack differs
#   scripts/ci/terraform.sh rollout <environment> <plans-dir> # plan, gate and apply one stack at a
#     time: the first deployment of an environment, where later stacks read earlier stacks' state
# Expects cdktf.out/ (npm run synth) and AWS credentials for the environment's account.
set -euo pipefail

mode=${1:?mode}
environment=${2:?environment}
target=${3:?plans directory or report file}
export TF_IN_AUTOMATION=1 TF_INPUT=0
mapfile -t stacks < <(node scripts/run-ts.mjs scripts/stack-order.ts "$environment")

init() { terraform -chdir="cdktf.out/stacks/$1" init -input=false -no-color >/dev/null; }

case "$mode" in
  plan)
    mkdir -p "$target"
    gate_args=()
    [ -f gate-allow.yaml ] && gate_args+=(--allow gate-allow.yaml)
    [ "${ALLOW_REPLACE:-false}" = "true" ] && gate_args+=(--label allow-replace)
    blocked=0
    for stack in "${stacks[@]}"; do
      init "$stack"
      terraform -chdir="cdktf.out/stacks/$stack" plan -input=false -no-color -lock-timeout=5m -out=plan.tfplan | tee "$target/$stack.plan.txt"
      cp "cdktf.out/stacks/$stack/plan.tfplan" "$target/$stack.tfplan"
      terraform -chdir="cdktf.out/stacks/$stack" show -json plan.tfplan >"$target/$stack.plan.json"
      npm run -s gate -- "$target/$stack.plan.json" --markdown "$target/$stack.gate.md" "${gate_args[@]}" || blocked=1
    done
    exit "$blocked"
    ;;
  rollout)
    mkdir -p "$target"
    for stack in "${stacks[@]}"; do
      init "$stack"
      terraform -chdir="cdktf.out/stacks/$stack" plan -input=false -no-color -lock-timeout=5m -out=plan.tfplan
      terraform -chdir="cdktf.out/stacks/$stack" show -json plan.tfplan >"$target/$stack.plan.json"
      npm run -s gate -- "$target/$stack.plan.json" --markdown "$target/$stack.gate.md"
      read -r -p "Apply $stack? Type yes: " answer
      [ "$answer" = "yes" ] || { echo "stopped before $stack" >&2; exit 1; }
      terraform -chdir="cdktf.out/stacks/$stack" apply -input=false -no-color -lock-timeout=5m plan.tfplan
    done
    ;;
  apply)
    for stack in "${stacks[@]}"; do
      init "$stack"
      # A saved plan is refused if the state moved since it was made: re-run the pipeline then.
      terraform -chdir="cdktf.out/stacks/$stack" apply -input=false -no-color -lock-timeout=5m "$PWD/$target/$stack.tfplan"
    done
    ;;
  drift)
    : >"$target"
    status=0
    for stack in "${stacks[@]}"; do
      init "$stack"
      set +e
      terraform -chdir="cdktf.out/stacks/$stack" plan -input=false -no-color -lock=false -detailed-exitcode >"$stack.drift.txt"
      code=$?
      set -e
      if [ "$code" -eq 2 ]; then
        status=2
        { echo "### $stack"; echo '```'; grep -E '^\s*[-+~]|will be|must be|Plan:' "$stack.drift.txt" | head -200; echo '```'; } >>"$target"
      elif [ "$code" -ne 0 ]; then
        cat "$stack.drift.txt" >&2
        exit 1
      fi
    done
    exit "$status"
    ;;
  *)
    echo "unknown mode: $mode (plan, apply, drift or rollout)" >&2
    exit 2
    ;;
esac
