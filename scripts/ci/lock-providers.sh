#!/usr/bin/env bash
# Writes locks/<stack>.terraform.lock.hcl for the named stacks (default: every synthesized stack),
# with checksums for the platforms the pipeline and the team run on. Needs network access to the
# Terraform registry, or a provider mirror: TF_PROVIDER_MIRROR=<dir> uses -fs-mirror (its
# checksums only cover the platforms the mirror holds). Commit the result: a lock file is a
# reviewed decision about which provider binaries to trust.
#   npm run synth && scripts/ci/lock-providers.sh [stack…]
set -euo pipefail
platforms=(-platform=linux_amd64 -platform=linux_arm64 -platform=darwin_arm64 -platform=darwin_amd64)
mirror=()
if [ -n "${TF_PROVIDER_MIRROR:-}" ]; then
  mirror=(-fs-mirror="$TF_PROVIDER_MIRROR")
  platforms=(-platform=linux_amd64)
fi
if [ "$#" -gt 0 ]; then stacks=("$@"); else mapfile -t stacks < <(ls cdktf.out/stacks); fi
mkdir -p locks
for stack in "${stacks[@]}"; do
  dir="cdktf.out/stacks/$stack"
  [ -f "$dir/cdk.tf.json" ] || { echo "no synthesized stack $stack (npm run synth first)" >&2; exit 1; }
  rm -f "$dir/.terraform.lock.hcl"
  terraform -chdir="$dir" providers lock "${mirror[@]}" "${platforms[@]}" >/dev/null
  cp "$dir/.terraform.lock.hcl" "locks/$stack.terraform.lock.hcl"
  echo "locks/$stack.terraform.lock.hcl"
done
