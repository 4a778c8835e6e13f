/** Data stores: RDS instances (Multi-AZ, read replicas, gp3 storage), ElastiCache replication groups, OpenSearch domains. */
import { cents, monthlyFromHourly } from "../money";
import { item, unpriced, type Pricer } from "../pricer";
import { ELASTICACHE, OPENSEARCH, RDS, SECRETS_MANAGER } from "../prices-us-east-1";
import { block, isTrue } from "../../terraform/json-values";
import { numberOf } from "../stack-view";
import type { LineItem } from "../types";

export const rdsInstance: Pricer = {
  types: ["aws_db_instance"],
  price(r, stack) {
    const a = r.attributes;
    const source = a.replicate_source_db ? stack.referenced(a.replicate_source_db) : undefined;
    const engine = (a.engine as string | undefined) ?? (source?.attributes.engine as string | undefined) ?? "unknown";
    const instanceClass = String(a.instance_class);
    // A read replica is its own single instance unless it sets multi_az itself.
    const copies = isTrue(a.multi_az) ? 2 : 1;
    const role = a.replicate_source_db ? "read replica" : copies === 2 ? "Multi-AZ (primary + standby)" : "Single-AZ";
    const label = `RDS ${engine} ${instanceClass} ${role}`;
    const hourly = RDS.instanceHour[engine]?.[instanceClass];
    const items: LineItem[] = [
      hourly === undefined ? unpriced(r, label, `RDS ${engine} class ${instanceClass}`) : item(r, label, monthlyFromHourly(hourly, copies)),
    ];

    // Replicas inherit the source's allocated storage.
    const storage = numberOf(a.allocated_storage) ?? numberOf(source?.attributes.allocated_storage);
    const storageType = (a.storage_type as string | undefined) ?? "gp2";
    const storageLabel = `RDS storage: ${storage ?? "?"} GiB ${storageType}${copies === 2 ? " × 2 (Multi-AZ)" : ""}`;
    if (storage === undefined || storageType !== "gp3")
      items.push(unpriced(r, storageLabel, `RDS storage ${storageType} of ${storage ?? "unknown"} GiB`));
    else
      items.push(
        item(
          r,
          storageLabel,
          cents(storage * RDS.gp3GbMonth * copies),
          "allocated size; autoscaling up to max_allocated_storage not counted",
        ),
      );
    // An RDS-managed master password lives in a Secrets Manager secret billed like any other.
    if (isTrue(a.manage_master_user_password))
      items.push(item(r, "Secrets Manager secret (RDS-managed master password)", cents(SECRETS_MANAGER.secretMonth)));
    return items;
  },
};

export const elasticacheReplicationGroup: Pricer = {
  types: ["aws_elasticache_replication_group"],
  price(r) {
    const a = r.attributes;
    const nodes = numberOf(a.num_cache_clusters) ?? (numberOf(a.num_node_groups) ?? 1) * (1 + (numberOf(a.replicas_per_node_group) ?? 0));
    const engine = (a.engine as string | undefined) ?? "redis";
    const nodeType = String(a.node_type);
    const label = `ElastiCache ${engine}: ${nodes} × ${nodeType}`;
    const redisHourly = ELASTICACHE.redisNodeHour[nodeType];
    if (redisHourly === undefined) return [unpriced(r, label, `ElastiCache node type ${nodeType}`)];
    const valkey = engine === "valkey";
    const hourly = valkey ? redisHourly * (1 - ELASTICACHE.valkeyDiscount) : redisHourly;
    return [
      item(r, label, monthlyFromHourly(hourly, nodes), valkey ? `Valkey ${ELASTICACHE.valkeyDiscount * 100} % below Redis OSS` : undefined),
    ];
  },
};

export const opensearchDomain: Pricer = {
  types: ["aws_opensearch_domain"],
  price(r) {
    const cluster = block(r.attributes.cluster_config) ?? {};
    const items: LineItem[] = [];
    const groups: [string, number][] = [[String(cluster.instance_type ?? "r6g.large.search"), numberOf(cluster.instance_count) ?? 1]];
    if (isTrue(cluster.dedicated_master_enabled))
      groups.push([String(cluster.dedicated_master_type), numberOf(cluster.dedicated_master_count) ?? 3]);
    if (isTrue(cluster.warm_enabled)) groups.push([String(cluster.warm_type), numberOf(cluster.warm_count) ?? 0]);
    for (const [type, count] of groups) {
      const label = `OpenSearch: ${count} × ${type}`;
      const hourly = OPENSEARCH.instanceHour[type];
      items.push(
        hourly === undefined ? unpriced(r, label, `OpenSearch instance type ${type}`) : item(r, label, monthlyFromHourly(hourly, count)),
      );
    }
    const ebs = block(r.attributes.ebs_options);
    if (ebs && isTrue(ebs.ebs_enabled ?? true)) {
      const size = numberOf(ebs.volume_size) ?? 10;
      const dataNodes = groups[0][1];
      items.push(
        item(
          r,
          `OpenSearch storage: ${dataNodes} × ${size} GiB ${ebs.volume_type ?? "gp3"}`,
          cents(dataNodes * size * OPENSEARCH.gp3GbMonth),
          "priced as gp3",
        ),
      );
    }
    return items;
  },
};
