#!/usr/bin/env bash
# Post-deploy health check: every database, cache and cluster tagged with the environment must
# report a healthy status. Uses the Environment tag every resource carries (provider default tags).
#   scripts/ci/health-check.sh <environment>
set -euo pipefail
environment=${1:?environment}

arns=$(aws resourcegroupstaggingapi get-resources \
  --tag-filters "Key=Environment,Values=$environment" "Key=Project,Values=sparki" \
  --resource-type-filters rds:db elasticache:replicationgroup eks:cluster \
  --query 'ResourceTagMappingList[].ResourceARN' --output text)

unhealthy=0
for arn in $arns; do
  name=${arn##*[:/]}
  case "$arn" in
    *:rds:*:db:*) status=$(aws rds describe-db-instances --db-instance-identifier "$name" --query 'DBInstances[0].DBInstanceStatus' --output text); want=available ;;
    *:elasticache:*) status=$(aws elasticache describe-replication-groups --replication-group-id "$name" --query 'ReplicationGroups[0].Status' --output text); want=available ;;
    *:eks:*) status=$(aws eks describe-cluster --name "$name" --query 'cluster.status' --output text); want=ACTIVE ;;
    *) continue ;;
  esac
  echo "$name: $status"
  [ "$status" = "$want" ] || unhealthy=1
done
[ -n "$arns" ] || { echo "no tagged databases, caches or clusters found for $environment" >&2; exit 1; }
exit "$unhealthy"
