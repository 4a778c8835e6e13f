/**
 * The secrets of the observability stack: created empty in Secrets Manager by `<env>-core`
 * (`OBSERVABILITY_SECRETS`), copied into the observability namespace by the External Secrets
 * Operator (`observabilityExternalSecrets`). Their values never appear in Helm values: Grafana
 * reads its admin Secret by name, Alertmanager reads receiver keys from files the operator mounts.
 */
import type { IExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import type { SecretSpec } from "../secrets/application-secrets";

export const SECRET_IDS = {
  grafanaAdminPassword: "grafana-admin-password",
  pagerDutyRoutingKey: "alertmanager-pagerduty-routing-key",
  ticketWebhookUrl: "alertmanager-slack-webhook-url",
} as const;

/** Secrets Manager secrets `<prefix>/<id>`, created empty (values are put after the first core apply). */
export const OBSERVABILITY_SECRETS: readonly SecretSpec[] = [
  {
    id: SECRET_IDS.grafanaAdminPassword,
    source: "generated",
    description: "Password of Grafana's admin user; generate with aws secretsmanager get-random-password",
  },
  {
    id: SECRET_IDS.pagerDutyRoutingKey,
    source: "external",
    description: "PagerDuty Events API v2 routing key of the on-call service critical alerts page",
  },
  {
    id: SECRET_IDS.ticketWebhookUrl,
    source: "external",
    description: "Slack incoming-webhook URL of the channel warning alerts (tickets) go to",
  },
];

/** Kubernetes Secrets the ExternalSecrets write, and their keys. */
export const GRAFANA_ADMIN_SECRET = { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" } as const;
export const ALERTMANAGER_RECEIVERS_SECRET = {
  name: "alertmanager-receivers",
  pagerDutyKey: "pagerduty-routing-key",
  webhookKey: "slack-webhook-url",
} as const;
/** Grafana's admin login name (not a secret; the password is). */
export const GRAFANA_ADMIN_USER = "admin";
/** How often External Secrets re-reads Secrets Manager, so a rotated value arrives within the hour. */
export const SECRET_REFRESH_INTERVAL = "1h";

export interface ObservabilitySecretsProps {
  readonly namespace: string;
  /** Secrets Manager name prefix, for example `sparki-prod` (secrets are `<prefix>/<id>`). */
  readonly prefix: string;
  /** The ClusterSecretStore the platform stack creates. */
  readonly storeName: string;
}

/** The ExternalSecrets of the observability namespace (typed by the operator's model; the tests validate them). */
export function observabilityExternalSecrets(props: ObservabilitySecretsProps): IExternalSecret[] {
  const key = (id: string) => `${props.prefix}/${id}`;
  const common = {
    refreshInterval: SECRET_REFRESH_INTERVAL,
    secretStoreRef: { kind: "ClusterSecretStore" as const, name: props.storeName },
  };
  const typeMeta = { apiVersion: "external-secrets.io/v1", kind: "ExternalSecret" } as const;
  return [
    {
      ...typeMeta,
      metadata: { name: GRAFANA_ADMIN_SECRET.name, namespace: props.namespace },
      spec: {
        ...common,
        target: {
          name: GRAFANA_ADMIN_SECRET.name,
          creationPolicy: "Owner",
          // The user name is fixed; only the password comes from Secrets Manager.
          template: { data: { [GRAFANA_ADMIN_SECRET.userKey]: GRAFANA_ADMIN_USER, [GRAFANA_ADMIN_SECRET.passwordKey]: "{{ .password }}" } },
        },
        data: [{ secretKey: "password", remoteRef: { key: key(SECRET_IDS.grafanaAdminPassword) } }],
      },
    },
    {
      ...typeMeta,
      metadata: { name: ALERTMANAGER_RECEIVERS_SECRET.name, namespace: props.namespace },
      spec: {
        ...common,
        target: { name: ALERTMANAGER_RECEIVERS_SECRET.name, creationPolicy: "Owner" },
        data: [
          { secretKey: ALERTMANAGER_RECEIVERS_SECRET.pagerDutyKey, remoteRef: { key: key(SECRET_IDS.pagerDutyRoutingKey) } },
          { secretKey: ALERTMANAGER_RECEIVERS_SECRET.webhookKey, remoteRef: { key: key(SECRET_IDS.ticketWebhookUrl) } },
        ],
      },
    },
  ];
}
