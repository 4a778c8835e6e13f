import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { HelmRelease } from "../helm/helm-release";
import { chartYaml } from "../helm/typed-chart";
import { renderYaml } from "../helm/values";

/** Version of the generated charts; the chart's asset path (a content hash) is what triggers upgrades. */
export const MANIFESTS_CHART_VERSION = "0.1.0";

/** A Kubernetes object, typed by its model's interface (`IPrometheusRule`, `IConfigMap`, …). */
export interface Manifest {
  readonly kind: string;
  readonly metadata?: { readonly name?: string };
}

export interface ManifestsReleaseProps {
  /** Release and chart name. */
  readonly name: string;
  readonly namespace: string;
  readonly description: string;
  /** The objects, each written to its own file. */
  readonly manifests: readonly Manifest[];
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Typed Kubernetes objects shipped as a small generated Helm chart. The objects are chart files
 * (`manifests/`) that one template copies with `.Files.Get`, so Helm never renders them as
 * templates: alert annotations (`{{ $labels.pod }}`), ExternalSecret templates and dashboard
 * legends keep their braces. A Helm release (not `kubernetes_manifest`) because custom resources
 * need their CRDs only when the release installs, not at plan time.
 */
export class ManifestsRelease extends Construct {
  readonly release: HelmRelease;
  /** The chart's files (path → content), as shipped. */
  readonly files: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ManifestsReleaseProps) {
    super(scope, id);
    const files: Record<string, string> = {
      "Chart.yaml": chartYaml({ name: props.name, description: props.description, version: MANIFESTS_CHART_VERSION }),
      "values.yaml": "# Generated chart: the manifests are fixed at synthesis; there are no values.\n{}\n",
      "templates/manifests.yaml": '{{- range $path, $_ := .Files.Glob "manifests/*.yaml" }}\n---\n{{ $.Files.Get $path }}\n{{- end }}\n',
    };
    props.manifests.forEach((manifest, index) => {
      const name = `${String(index).padStart(3, "0")}-${manifest.kind.toLowerCase()}-${manifest.metadata?.name ?? "unnamed"}.yaml`;
      files[`manifests/${name}`] = renderYaml(manifest);
    });
    this.files = files;
    this.release = new HelmRelease(this, "release", {
      name: props.name,
      namespace: props.namespace,
      chart: props.name,
      localChart: files,
      version: MANIFESTS_CHART_VERSION,
      dependsOn: props.dependsOn,
    });
  }
}
