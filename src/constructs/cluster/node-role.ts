import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";

/**
 * Managed policies of the node role. AmazonEKS_CNI_Policy is deliberately absent: the VPC CNI
 * gets its own Pod Identity role, so no pod on a node inherits ENI permissions.
 */
export const NODE_ROLE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
] as const;

export interface NodeRoleProps {
  /** IAM role name, for example `sparki-prod-node`. */
  readonly roleName: string;
}

/** The EC2 instance role of the cluster's nodes: join the cluster, pull images, Session Manager. */
export class NodeRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;
  /** The role's policy attachments: node groups depend on them, so destroy removes nodes first. */
  readonly permissions: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "EKS worker nodes",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    this.permissions = NODE_ROLE_POLICIES.map(
      (policyArn) => new IamRolePolicyAttachment(this, policyArn.split("/").pop()!, { role: role.name, policyArn }),
    );
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}
