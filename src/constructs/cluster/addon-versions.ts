/**
 * EKS managed add-on versions pinned per Kubernetes minor version. One dated table, so an
 * upgrade is one reviewed diff; nothing floats (`most_recent` is never used).
 *
 * Source, checked 2026-11-23: a public EKS 1.35 cluster configuration (GitHub, tfvars pinning
 * all five add-ons for `eks_cluster_version = "1.35"`). NOT yet confirmed against AWS itself:
 * before the first apply run, for each add-on,
 *   aws eks describe-addon-versions --kubernetes-version 1.35 --addon-name <name> \
 *     --query 'addons[].addonVersions[].addonVersion'
 * and correct this table if a version is not listed.
 */
export const ADDON_VERSIONS_CHECKED_ON = "2026-11-23";

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
};
