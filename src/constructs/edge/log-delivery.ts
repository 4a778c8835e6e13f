/** Which account delivers a region's load balancer access logs, and the precondition that one is known. Pure. */
import { ELB_LOG_DELIVERY_ACCOUNTS } from "../../config/aws-facts";
import type { PreconditionProblem } from "../validation";

/** The bucket policy must name the region's Elastic Load Balancing account, so the region must be listed. */
export function logDeliveryAccountProblem(region: string): PreconditionProblem | undefined {
  if (ELB_LOG_DELIVERY_ACCOUNTS[region]) return undefined;
  return {
    prop: "region",
    value: region,
    message: "no Elastic Load Balancing log-delivery account is known for this region",
    allowed: Object.keys(ELB_LOG_DELIVERY_ACCOUNTS).join(", "),
    fix: "pick a listed region, or add the region's account to ELB_LOG_DELIVERY_ACCOUNTS in src/config/aws-facts.ts",
  };
}
