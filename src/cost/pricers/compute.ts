/** EKS: the control plane per cluster, and the EC2 instances and root volumes of managed node groups. */
import { EKS_DEFAULT_DISK_GIB } from "../defaults";
import { cents, monthlyFromHourly } from "../money";
import { item, unpriced, type Pricer } from "../pricer";
import { EBS, EC2, EKS, SPOT } from "../prices-us-east-1";
import { block } from "../../terraform/json-values";
import { numberOf, type PricedResource, type StackView } from "../stack-view";
import type { LineItem } from "../types";

export const eksCluster: Pricer = {
  types: ["aws_eks_cluster"],
  price: (r) => [item(r, "EKS control plane (standard support)", monthlyFromHourly(EKS.clusterHour))],
};

export const eksNodeGroup: Pricer = {
  types: ["aws_eks_node_group"],
  price(r, stack) {
    const scaling = block(r.attributes.scaling_config) ?? {};
    const nodes = numberOf(scaling.desired_size) ?? 0;
    const instanceType = (r.attributes.instance_types as string[] | undefined)?.[0] ?? "t3.medium"; // the EKS API default
    const spot = r.attributes.capacity_type === "SPOT";
    const label = `EKS node group: ${nodes} × ${instanceType} ${spot ? "SPOT" : "ON_DEMAND"}`;
    const hourly = EC2.instanceHour[instanceType];
    const items: LineItem[] = [];
    if (hourly === undefined) items.push(unpriced(r, label, `EC2 instance type ${instanceType}`));
    else {
      // Sized at desired_size with the first (preferred) type; autoscaling moves it between min and max.
      const rate = spot ? hourly * (1 - SPOT.averageDiscount) : hourly;
      items.push(
        item(
          r,
          label,
          monthlyFromHourly(rate, nodes),
          spot ? `Spot at ${SPOT.averageDiscount * 100} % below on-demand (planning average)` : undefined,
        ),
      );
    }
    items.push(...rootVolumes(r, stack, nodes));
    return items;
  },
};

function rootVolumes(r: PricedResource, stack: StackView, nodes: number): LineItem[] {
  const template = stack.referenced(block(r.attributes.launch_template)?.id);
  const ebs = block(block(template?.attributes.block_device_mappings)?.ebs);
  const size = numberOf(ebs?.volume_size) ?? numberOf(r.attributes.disk_size) ?? EKS_DEFAULT_DISK_GIB;
  const volumeType = (ebs?.volume_type as string | undefined) ?? "gp3";
  const label = `EKS node root volumes: ${nodes} × ${size} GiB ${volumeType}`;
  const gbMonth = EBS.gbMonth[volumeType];
  if (gbMonth === undefined) return [unpriced(r, label, `EBS volume type ${volumeType}`)];
  return [item(r, label, cents(nodes * size * gbMonth))];
}
