/**
 * Alertmanager's routing: `severity` picks the path (critical → the on-call pager, warning → the
 * ticket channel), a firing critical silences the warnings it explains, and the Watchdog
 * heartbeat goes nowhere. Receiver credentials are files mounted from the
 * `alertmanager-receivers` Secret (External Secrets), never values.
 */
import type { HelmValues } from "../helm/values";
import { ALERTMANAGER_RECEIVERS_SECRET } from "./observability-secrets";
import { WORKLOAD_LABEL } from "./metrics-contract";

/** Where the Prometheus operator mounts `alertmanagerSpec.secrets`: `/etc/alertmanager/secrets/<secret>/<key>`. */
export const ALERTMANAGER_SECRETS_DIR = "/etc/alertmanager/secrets";
export const RECEIVERS = { page: "page", ticket: "ticket", none: "null" } as const;
/** Re-notify an unresolved page every 4 hours, a ticket once a day. */
export const PAGE_REPEAT_INTERVAL = "4h";
export const TICKET_REPEAT_INTERVAL = "24h";

const secretFile = (key: string) => `${ALERTMANAGER_SECRETS_DIR}/${ALERTMANAGER_RECEIVERS_SECRET.name}/${key}`;

/** The `alertmanager.config` value of kube-prometheus-stack. */
export function alertmanagerConfig(): HelmValues {
  return {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: RECEIVERS.ticket,
      group_by: ["alertname", "namespace", WORKLOAD_LABEL, "slo"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: TICKET_REPEAT_INTERVAL,
      routes: [
        { receiver: RECEIVERS.none, matchers: ['alertname = "Watchdog"'] },
        { receiver: RECEIVERS.none, matchers: ['alertname = "InfoInhibitor"'] },
        { receiver: RECEIVERS.page, matchers: ['severity = "critical"'], repeat_interval: PAGE_REPEAT_INTERVAL },
        { receiver: RECEIVERS.ticket, matchers: ['severity = "warning"'] },
        { receiver: RECEIVERS.none, matchers: ['severity = "info"'] },
      ],
    },
    inhibit_rules: [
      // A critical about a workload explains its warnings (an SLO page covers the error spike).
      // The workload matcher on both sides: a label absent on both counts as equal in Alertmanager.
      {
        source_matchers: ['severity = "critical"', `${WORKLOAD_LABEL} =~ ".+"`],
        target_matchers: ['severity = "warning"', `${WORKLOAD_LABEL} =~ ".+"`],
        equal: [WORKLOAD_LABEL],
      },
      // The chart's defaults: a critical silences lower severities of the same alert and namespace.
      { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ["namespace", "alertname"] },
      { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ["namespace", "alertname"] },
    ],
    receivers: [
      { name: RECEIVERS.none },
      {
        name: RECEIVERS.page,
        pagerduty_configs: [
          {
            routing_key_file: secretFile(ALERTMANAGER_RECEIVERS_SECRET.pagerDutyKey),
            send_resolved: true,
            description: "{{ .CommonAnnotations.summary }}",
            links: [{ href: "{{ .CommonAnnotations.runbook_url }}", text: "Runbook" }],
          },
        ],
      },
      {
        name: RECEIVERS.ticket,
        slack_configs: [
          {
            api_url_file: secretFile(ALERTMANAGER_RECEIVERS_SECRET.webhookKey),
            send_resolved: true,
            title: "{{ .CommonAnnotations.summary }}",
            text: "{{ range .Alerts }}{{ .Annotations.description }}\nRunbook: {{ .Annotations.runbook_url }}\n{{ end }}",
          },
        ],
      },
    ],
    templates: ["/etc/alertmanager/config/*.tmpl"],
  };
}
