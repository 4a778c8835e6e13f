/**
 * The `platform-resources` chart: the ClusterSecretStore and Karpenter's EC2NodeClass and
 * NodePool. Kept as source here (not a folder on disk) so the synthesis bundle carries it and
 * works from any working directory; HelmRelease writes it out as a Terraform asset.
 */
export const PLATFORM_RESOURCES_CHART_FILES: Readonly<Record<string, string>> = {
  "Chart.yaml": `apiVersion: v2
name: platform-resources
description: >-
  Custom resources of the platform add-ons (External Secrets ClusterSecretStore, Karpenter
  EC2NodeClass and NodePool). Shipped as a chart, released after the charts that own the CRDs,
  because a kubernetes_manifest of a custom resource needs its CRD at plan time.
type: application
version: 0.1.0
`,
  "values.yaml": `# Every key is set by the platform stack (src/constructs/platform/platform-resources.ts);
# the defaults here only give each key its type for the HelmRelease values check.
clusterSecretStore:
  # -- ClusterSecretStore name ExternalSecrets refer to.
  name: aws-secrets-manager
  # -- Region of the Secrets Manager secrets.
  region: ""
  # -- Namespaces whose ExternalSecrets may use the store.
  allowedNamespaces: []
ec2NodeClass:
  name: default
  # -- IAM role name of the nodes (Karpenter creates the instance profile).
  role: ""
  # -- Pinned AMI alias, for example al2023@v20260724.
  amiAlias: ""
  # -- Value of the karpenter.sh/discovery tag on subnets and the node security group.
  discoveryTag: ""
  rootVolumeGiB: 50
  # -- KMS key ARN of the root volumes.
  kmsKeyId: ""
  # -- Instance metadata: IMDSv2 only, hop limit 1 (pods use Pod Identity).
  httpPutResponseHopLimit: 1
  tags: {}
nodePool:
  name: default
  # -- karpenter.sh/capacity-type values: on-demand, spot.
  capacityTypes: []
  # -- karpenter.k8s.aws/instance-category values, for example c, m, r.
  instanceCategories: []
  # -- Instance generations strictly newer than this.
  minInstanceGeneration: 5
  architectures: []
  # -- Total vCPUs the pool may launch.
  cpuLimit: 0
  labels: {}
  taints: []
  consolidateAfter: 1m
  # -- Share of nodes Karpenter may disrupt at once.
  disruptionBudget: "10%"
  # -- Nodes are replaced after this long, to pick up new AMIs.
  expireAfter: 720h
`,
  "templates/cluster-secret-store.yaml": `apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: {{ .Values.clusterSecretStore.name }}
spec:
  conditions:
    - namespaces: {{ toJson .Values.clusterSecretStore.allowedNamespaces }}
  provider:
    aws:
      service: SecretsManager
      region: {{ .Values.clusterSecretStore.region | quote }}
      # No auth block: the controller's own credentials, from EKS Pod Identity.
      # The controller's IAM role can read only this environment's secrets (<prefix>/*).
`,
  "templates/ec2-node-class.yaml": `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: {{ .Values.ec2NodeClass.name }}
spec:
  role: {{ .Values.ec2NodeClass.role | quote }}
  amiSelectorTerms:
    - alias: {{ .Values.ec2NodeClass.amiAlias | quote }}
  subnetSelectorTerms:
    - tags:
        karpenter.sh/discovery: {{ .Values.ec2NodeClass.discoveryTag | quote }}
  securityGroupSelectorTerms:
    - tags:
        karpenter.sh/discovery: {{ .Values.ec2NodeClass.discoveryTag | quote }}
  metadataOptions:
    httpEndpoint: enabled
    httpProtocolIPv6: disabled
    httpTokens: required
    httpPutResponseHopLimit: {{ .Values.ec2NodeClass.httpPutResponseHopLimit }}
  blockDeviceMappings:
    - deviceName: /dev/xvda
      ebs:
        volumeType: gp3
        volumeSize: {{ printf "%dGi" (int .Values.ec2NodeClass.rootVolumeGiB) }}
        encrypted: true
        kmsKeyID: {{ .Values.ec2NodeClass.kmsKeyId | quote }}
        deleteOnTermination: true
  {{- with .Values.ec2NodeClass.tags }}
  tags:
    {{- toYaml . | nindent 4 }}
  {{- end }}
`,
  "templates/node-pool.yaml": `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: {{ .Values.nodePool.name }}
spec:
  template:
    {{- with .Values.nodePool.labels }}
    metadata:
      labels:
        {{- toYaml . | nindent 8 }}
    {{- end }}
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: {{ .Values.ec2NodeClass.name }}
      expireAfter: {{ .Values.nodePool.expireAfter }}
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: {{ toJson .Values.nodePool.capacityTypes }}
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: {{ toJson .Values.nodePool.instanceCategories }}
        - key: karpenter.k8s.aws/instance-generation
          operator: Gt
          values: [{{ .Values.nodePool.minInstanceGeneration | quote }}]
        - key: kubernetes.io/arch
          operator: In
          values: {{ toJson .Values.nodePool.architectures }}
      {{- with .Values.nodePool.taints }}
      taints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  limits:
    cpu: {{ .Values.nodePool.cpuLimit | quote }}
  disruption:
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: {{ .Values.nodePool.consolidateAfter }}
    budgets:
      - nodes: {{ .Values.nodePool.disruptionBudget | quote }}
`,
};
