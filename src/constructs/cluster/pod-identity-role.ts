import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { TerraformResource } from "cdktf";
import { Construct } from "constructs";

/** The service principal EKS Pod Identity assumes roles with; the same for every role. */
export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";

export interface PodIdentityRoleProps {
  /** IAM role name, for example `sparki-prod-vpc-cni`. */
  readonly roleName: string;
  readonly description: string;
  readonly accountId: string;
  /** Cluster name; the association is made on it. */
  readonly clusterName: string;
  /** Cluster ARN; the trust policy accepts only sessions for this cluster. */
  readonly clusterArn: string;
  /** The one namespace whose service account may use the role. */
  readonly namespace: string;
  /** The one service account that may use the role. */
  readonly serviceAccount: string;
  /** AWS-managed policy ARNs to attach. @default none */
  readonly managedPolicyArns?: readonly string[];
  /** Inline policy statements (IAM JSON). @default none: the role can do nothing until given policies */
  readonly statements?: readonly Record<string, unknown>[];
}

/**
 * An IAM role for one Kubernetes service account through EKS Pod Identity, and its association.
 * The trust policy is the fixed `pods.eks.amazonaws.com` principal limited to this account and
 * cluster; which pod may use the role is decided by the association (one namespace, one
 * service account), not by an OIDC condition per role.
 */
export class PodIdentityRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;
  /** The association; add-ons that need credentials at start depend on it. */
  readonly association: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EksPodIdentity",
            Effect: "Allow",
            Principal: { Service: POD_IDENTITY_PRINCIPAL },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnEquals: { "aws:SourceArn": props.clusterArn },
            },
          },
        ],
      }),
    });
    const permissions: TerraformResource[] = (props.managedPolicyArns ?? []).map(
      (policyArn) => new IamRolePolicyAttachment(this, `attach-${policyArn.split("/").pop()}`, { role: role.name, policyArn }),
    );
    if (props.statements && props.statements.length > 0) {
      const inline = new IamRolePolicy(this, "policy", {
        name: "least-privilege",
        role: role.name,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: props.statements }),
      });
      permissions.push(inline);
    }
    // Pods get credentials only once the role can act, and lose them before it stops being able
    // to: whatever depends on the association (an add-on, a node group through it) is destroyed
    // while the permissions still exist, so the VPC CNI can still release its network interfaces.
    this.association = new EksPodIdentityAssociation(this, "association", {
      clusterName: props.clusterName,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      roleArn: role.arn,
      dependsOn: permissions,
    });
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}
