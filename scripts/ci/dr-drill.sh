#!/usr/bin/env bash
# Disaster-recovery drill: restore the newest recovery point of the environment's database vault
# into a scratch instance, wait for it, check it is available, delete it, and judge the restore
# time against resilience.recoveryTimeObjectiveMinutes. Runs with the sparki-<env>-ci-drill role.
#   scripts/ci/dr-drill.sh <environment> [summary file]
# The summary (markdown) goes to the file (default: stdout); the exit code is 1 when the restore
# failed or took longer than the RTO.
set -euo pipefail
environment=${1:?environment}
summary=${2:-/dev/stdout}
drill() { node scripts/run-ts.mjs scripts/dr-drill.ts "$@"; }

vault=sparki-$environment-database
# The drill role may describe and delete only instances with this prefix (src/pipeline/dr-drill.ts).
scratch=sparki-$environment-drill-$(date -u +%Y%m%d%H%M)
account=$(aws sts get-caller-identity --query Account --output text)
restore_role=arn:aws:iam::$account:role/sparki-$environment-backup
limit_minutes=$(drill wait-limit "$environment")

recovery_point=$(aws backup list-recovery-points-by-backup-vault --backup-vault-name "$vault" \
  --query 'sort_by(RecoveryPoints[?Status==`COMPLETED`], &CreationDate)[-1].RecoveryPointArn' --output text)
if [ -z "$recovery_point" ] || [ "$recovery_point" = None ]; then
  echo "no completed recovery point in $vault" >&2
  exit 1
fi
echo "restoring $recovery_point into $scratch (waiting at most $limit_minutes min)"

# Keep the original's subnet group and security groups; the scratch copy is small and disposable.
metadata=$(aws backup get-recovery-point-restore-metadata --backup-vault-name "$vault" --recovery-point-arn "$recovery_point" \
  --query RestoreMetadata --output json |
  jq -c --arg id "$scratch" '{DBSubnetGroupName, VpcSecurityGroupIds} | with_entries(select(.value != null))
    + {DBInstanceIdentifier: $id, MultiAZ: "false", DeletionProtection: "false", PubliclyAccessible: "false"}')

delete_scratch() {
  if aws rds describe-db-instances --db-instance-identifier "$scratch" >/dev/null 2>&1; then
    echo "deleting $scratch"
    aws rds delete-db-instance --db-instance-identifier "$scratch" --skip-final-snapshot --delete-automated-backups >/dev/null
  fi
}
trap delete_scratch EXIT

started=$(date +%s)
job=$(aws backup start-restore-job --recovery-point-arn "$recovery_point" --iam-role-arn "$restore_role" \
  --resource-type RDS --metadata "$metadata" --query RestoreJobId --output text)
deadline=$((started + limit_minutes * 60))
while :; do
  status=$(aws backup describe-restore-job --restore-job-id "$job" --query Status --output text)
  case "$status" in COMPLETED | FAILED | ABORTED) break ;; esac
  [ "$(date +%s)" -lt "$deadline" ] || break
  sleep 30
done
ended=$(date +%s)
echo "restore job $job: $status after $(((ended - started) / 60)) min"

instance_status=$(aws rds describe-db-instances --db-instance-identifier "$scratch" \
  --query 'DBInstances[0].DBInstanceStatus' --output text 2>/dev/null || echo missing)

verdict=0
drill report "$environment" "$recovery_point" "$scratch" "$started" "$ended" "$status" "$instance_status" >>"$summary" || verdict=$?
exit "$verdict"
