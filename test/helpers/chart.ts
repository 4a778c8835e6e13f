/**
 * Renders a typed chart as Helm would for these templates (only `{{ .Values.x }}` references
 * occur): substitutes sample values, checks them against the chart's values.schema.json
 * patterns, parses every template and validates it again with its model.
 */
import { parse } from "yaml";
import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import { EC2NodeClass } from "@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass";
import { NodePool } from "@kubernetes-models/karpenter/karpenter.sh/v1/NodePool";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { TargetGroupBinding } from "../../src/constructs/workloads/models/elbv2.k8s.aws/v1beta1/TargetGroupBinding";

type Model = { validate(): void };
const MODELS: Record<string, new (data: never) => Model> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "external-secrets.io/v1/ExternalSecret": ExternalSecret,
  "external-secrets.io/v1/ClusterSecretStore": ClusterSecretStore,
  "karpenter.k8s.aws/v1/EC2NodeClass": EC2NodeClass,
  "karpenter.sh/v1/NodePool": NodePool,
  "elbv2.k8s.aws/v1beta1/TargetGroupBinding": TargetGroupBinding,
};

export type RenderedObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
};

/** Sample apply-time values that match the charts' patterns. */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  imageRepository: "111111111111.dkr.ecr.us-east-1.amazonaws.com/sparki/engine",
  targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/sparki-dev-engine-blue/0123456789abcdef",
  databaseHost: "sparki-dev-postgres.abc123.us-east-1.rds.amazonaws.com",
  databaseReaderHosts:
    "sparki-dev-postgres-replica-1.abc123.us-east-1.rds.amazonaws.com,sparki-dev-postgres-replica-2.abc123.us-east-1.rds.amazonaws.com",
  cacheHost: "master.sparki-dev-cache.abc123.use1.cache.amazonaws.com",
  cacheUser: "sparki-dev-app",
  nodeRoleName: "sparki-dev-karpenter-node",
  volumeKmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/0123abcd-4567-89ab-cdef-0123456789ab",
};

export function renderChart(
  files: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>> = SAMPLE_VALUES,
): RenderedObject[] {
  const schema = JSON.parse(files["values.schema.json"] ?? '{"properties":{}}') as {
    required?: string[];
    properties: Record<string, { pattern?: string }>;
  };
  for (const name of schema.required ?? []) {
    const pattern = schema.properties[name]?.pattern;
    if (!(name in values)) throw new Error(`no sample value for ${name}`);
    if (pattern && !new RegExp(pattern).test(values[name])) throw new Error(`sample ${name}=${values[name]} does not match ${pattern}`);
  }
  return Object.keys(files)
    .filter((path) => path.startsWith("templates/"))
    .sort()
    .map((path) => {
      const text = files[path].replace(/\{\{ \.Values\.([A-Za-z0-9]+) \}\}/g, (_m, name: string) => {
        if (!(name in values)) throw new Error(`${path}: no value for ${name}`);
        return values[name];
      });
      if (text.includes("{{")) throw new Error(`${path}: template syntax left after substitution`);
      const object = parse(text) as RenderedObject;
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      if (!Model) throw new Error(`${path}: no model for ${object.apiVersion} ${object.kind}`);
      new Model(object as never).validate();
      return object;
    });
}
