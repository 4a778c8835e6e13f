/**
 * EKS managed add-on versions pinned per Kubernetes minor version. One dated table, so an
 * upgrade is one reviewed diff; nothing floats (`most_recent` is never used).
 *
 * Sources, checked 2026-11-29, NOT yet confirmed against AWS itself:
 * - 1.35: a public EKS 1.35 cluster configuration (GitHub, tfvars pinning all five add-ons).
 * - 1.36: a public record of the versions a working 1.36 cluster resolved to (vpc-cni,
 *   kube-proxy, coredns, eks-pod-identity-agent) and a public 1.36 configuration pinning
 *   aws-ebs-csi-driver.
 * Before the first apply run, for each add-on,
 *   aws eks describe-addon-versions --kubernetes-version <version> --addon-name <name> \
 *     --query 'addons[].addonVersions[].addonVersion'
 * and correct this table if a version is not listed.
 */
import type { PreconditionProblem } from "../validation";

export const ADDON_VERSIONS_CHECKED_ON = "2026-11-29";

export interface AddonVersionSet {
  readonly "vpc-cni": string;
  readonly coredns: string;
  readonly "kube-proxy": string;
  readonly "eks-pod-identity-agent": string;
  readonly "aws-ebs-csi-driver": string;
}

export type AddonName = keyof AddonVersionSet;

export const EKS_ADDON_VERSIONS: Readonly<Record<string, AddonVersionSet>> = {
  "1.35": {
    "vpc-cni": "v1.21.1-eksbuild.3",
    coredns: "v1.13.2-eksbuild.1",
    "kube-proxy": "v1.35.0-eksbuild.2",
    "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
    "aws-ebs-csi-driver": "v1.57.1-eksbuild.1",
  },
  "1.36": {
    "vpc-cni": "v1.22.4-eksbuild.3",
    coredns: "v1.14.3-eksbuild.16",
    "kube-proxy": "v1.36.0-eksbuild.21",
    "eks-pod-identity-agent": "v1.3.10-eksbuild.3",
    "aws-ebs-csi-driver": "v1.63.1-eksbuild.1",
  },
};

/** Add-ons are installed at the versions pinned for the cluster's minor version, so one must be pinned. */
export function addonVersionsProblem(kubernetesVersion: string): PreconditionProblem | undefined {
  if (EKS_ADDON_VERSIONS[kubernetesVersion]) return undefined;
  return {
    prop: "kubernetesVersion",
    value: kubernetesVersion,
    message: `no EKS add-on versions are pinned for ${kubernetesVersion}`,
    allowed: Object.keys(EKS_ADDON_VERSIONS).join(", "),
    fix: "pick a listed version, or add its add-on versions to src/constructs/cluster/addon-versions.ts",
  };
}
