/** EKS control plane and node hardening. */
import { block } from "../../terraform/json-values";
import type { PolicyRule } from "../types";

/** Every control-plane log type EKS offers. */
export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

export const kubernetesRules: PolicyRule[] = [
  {
    id: "SPK-EKS-ENDPOINT",
    // CKV_AWS_39 demands no public endpoint at all; CKV_AWS_38 is the CIDR-restricted case.
    checkov: "CKV_AWS_38",
    description: "The EKS API endpoint is private, or public only to listed CIDRs",
    types: ["aws_eks_cluster"],
    check: (r) => {
      const vpc = block(r.attributes.vpc_config) ?? {};
      if (vpc.endpoint_public_access === false || vpc.endpoint_public_access === "false") return undefined;
      const cidrs: string[] = vpc.public_access_cidrs ?? [];
      if (cidrs.length === 0) return "public endpoint without public_access_cidrs is open to 0.0.0.0/0";
      return cidrs.includes("0.0.0.0/0") ? "public_access_cidrs includes 0.0.0.0/0" : undefined;
    },
  },
  {
    id: "SPK-EKS-SECRETS",
    checkov: "CKV_AWS_58",
    description: "EKS envelope-encrypts Kubernetes secrets with KMS",
    types: ["aws_eks_cluster"],
    check: (r) => {
      const config = block(r.attributes.encryption_config);
      return config && [config.resources].flat().includes("secrets") && block(config.provider)?.key_arn
        ? undefined
        : "encryption_config for secrets is missing";
    },
  },
  {
    id: "SPK-EKS-LOGS",
    checkov: "CKV_AWS_37",
    description: "EKS sends every control-plane log type to CloudWatch",
    types: ["aws_eks_cluster"],
    check: (r) => {
      const enabled: string[] = r.attributes.enabled_cluster_log_types ?? [];
      const missing = EKS_LOG_TYPES.filter((t) => !enabled.includes(t));
      return missing.length ? `log types not enabled: ${missing.join(", ")}` : undefined;
    },
  },
  {
    id: "SPK-IMDSV2",
    checkov: "CKV_AWS_79",
    description: "Instances require IMDSv2 tokens",
    types: ["aws_launch_template", "aws_instance"],
    check: (r) =>
      block(r.attributes.metadata_options)?.http_tokens === "required" ? undefined : 'metadata_options.http_tokens is not "required"',
  },
];
