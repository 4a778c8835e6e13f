import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { Construct } from "constructs";

/** EKS access policies this construct grants, cluster-wide. */
export const ACCESS_POLICIES = {
  admin: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
  readOnly: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy",
} as const;

export interface ClusterAccessProps {
  readonly clusterName: string;
  /** IAM role ARNs given cluster-admin. @default DEFAULT_CLUSTER_ADMIN_ROLE_ARNS (none) */
  readonly adminRoleArns?: readonly string[];
  /** IAM role ARNs given read-only access. @default DEFAULT_CLUSTER_READ_ONLY_ROLE_ARNS (none) */
  readonly readOnlyRoleArns?: readonly string[];
}

/**
 * Who may use the Kubernetes API, as EKS access entries (authentication mode `API`): one
 * STANDARD entry per IAM role and one cluster-scoped access policy association. There is no
 * aws-auth ConfigMap. Construct ids derive from the role name, not the list position, so
 * reordering the lists changes nothing.
 */
export class ClusterAccess extends Construct {
  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    const grant = (kind: keyof typeof ACCESS_POLICIES, principalArn: string) => {
      const key = `${kind}-${principalArn.split(":role/")[1].replace(/[^\w-]/g, "-")}`;
      const entry = new EksAccessEntry(this, key, { clusterName: props.clusterName, principalArn, type: "STANDARD" });
      new EksAccessPolicyAssociation(this, `${key}-policy`, {
        clusterName: props.clusterName,
        principalArn: entry.principalArn,
        policyArn: ACCESS_POLICIES[kind],
        accessScope: { type: "cluster" },
      });
    };
    for (const arn of props.adminRoleArns ?? []) grant("admin", arn);
    for (const arn of props.readOnlyRoleArns ?? []) grant("readOnly", arn);
  }
}
