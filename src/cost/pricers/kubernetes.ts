/**
 * EBS volumes that Kubernetes creates for a Helm release's PersistentVolumeClaims: Terraform only
 * declares the release, so the volumes appear in no resource. Today: Prometheus' volumes of
 * kube-prometheus-stack (one per replica) and the PersistentVolumeClaims a jaeger release ships
 * in `extraObjects` (Badger's volume), from the release's rendered values.
 */
import { CORE_SCHEMA, load } from "js-yaml";
import { cents } from "../money";
import { item, type Pricer } from "../pricer";
import { EBS } from "../prices-us-east-1";

/** The platform's default StorageClass provisions gp3 (src/constructs/platform/default-storage-class.ts). */
const STORAGE_CLASS_VOLUME_TYPE = "gp3";
const QUANTITY = /^(\d+)(Gi|G|Ti|T)$/;
const GIB: Record<string, number> = { Gi: 1, G: 1, Ti: 1024, T: 1024 };

function gib(quantity: unknown): number | undefined {
  const match = QUANTITY.exec(String(quantity ?? ""));
  return match ? Number(match[1]) * GIB[match[2]] : undefined;
}

type Resource = Parameters<Pricer["price"]>[0];

interface VolumeClaim {
  kind?: string;
  spec?: { resources?: { requests?: { storage?: string } } };
}

/** The parts of a release's rendered values (YAML, as src/constructs/helm/values.ts writes them) read here. */
interface ReleaseValues {
  extraObjects?: VolumeClaim[];
  prometheus?: { prometheusSpec?: { replicas?: number; storageSpec?: { volumeClaimTemplate?: VolumeClaim } } };
}

/** A release without values has none to read (js-yaml refuses an empty document). */
function valuesOf(r: Resource): ReleaseValues {
  const text = String((r.attributes.values as string[] | undefined)?.[0] ?? "");
  if (text.trim() === "") return {};
  return (load(text, { schema: CORE_SCHEMA }) as ReleaseValues | null) ?? {};
}

function jaegerClaims(r: Resource) {
  const values = valuesOf(r);
  const claims = (values.extraObjects ?? []).filter((o) => o.kind === "PersistentVolumeClaim");
  return claims.flatMap((claim) => {
    const size = gib(claim.spec?.resources?.requests?.storage);
    if (size === undefined) return [];
    return [
      item(
        r,
        `Jaeger Badger volume: ${size} GiB ${STORAGE_CLASS_VOLUME_TYPE}`,
        cents(size * EBS.gbMonth[STORAGE_CLASS_VOLUME_TYPE]),
        "provisioned by the gp3 StorageClass for the trace store",
      ),
    ];
  });
}

export const helmReleaseVolumes: Pricer = {
  types: ["helm_release"],
  price(r) {
    if (r.attributes.chart === "jaeger") return jaegerClaims(r);
    if (r.attributes.chart !== "kube-prometheus-stack") return [];
    const values = valuesOf(r);
    const spec = values.prometheus?.prometheusSpec ?? {};
    const size = gib(spec.storageSpec?.volumeClaimTemplate?.spec?.resources?.requests?.storage);
    if (size === undefined) return [];
    const replicas = Number(spec.replicas ?? 1);
    return [
      item(
        r,
        `Prometheus volumes: ${replicas} × ${size} GiB ${STORAGE_CLASS_VOLUME_TYPE}`,
        cents(replicas * size * EBS.gbMonth[STORAGE_CLASS_VOLUME_TYPE]),
        "provisioned by the gp3 StorageClass for each Prometheus replica; Alertmanager and Grafana keep no volumes",
      ),
    ];
  },
};
