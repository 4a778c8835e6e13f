import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import { COLOURS, targetGroupName, WORKLOADS, type Colour, type WorkloadName } from "../workloads/catalog";
import { ENGINE_STICKINESS_SECONDS, HEALTH_CHECK, WEB_DEREGISTRATION_DELAY_SECONDS } from "./defaults";

export interface ColourTargetGroupsProps {
  /** Environment name: part of each group's name (`targetGroupName` in the catalog). */
  readonly environment: string;
  readonly workload: WorkloadName;
  readonly vpcId: string;
}

/**
 * The blue and green target groups of one workload: IP targets (the pods, bound by the apps
 * stack's TargetGroupBinding), HTTP/1.1 so WebSocket upgrades pass, health-checked on the
 * catalog's readiness path. The engine's groups keep a client on one pod (lb_cookie) and drain
 * for the engine's termination grace period, so WebSockets can finish before the pod goes.
 */
export class ColourTargetGroups extends Construct {
  readonly arns: Readonly<Record<Colour, string>>;
  readonly arnSuffixes: Readonly<Record<Colour, string>>;

  constructor(scope: Construct, id: string, props: ColourTargetGroupsProps) {
    super(scope, id);
    const spec = WORKLOADS[props.workload];
    const engine = props.workload === "engine";
    const groups = COLOURS.map(
      (colour) =>
        new LbTargetGroup(this, colour, {
          name: targetGroupName(props.environment, props.workload, colour),
          targetType: "ip",
          port: spec.port,
          protocol: "HTTP",
          // WebSockets work only with HTTP/1.1 target groups (HTTP2 and gRPC do not upgrade).
          protocolVersion: "HTTP1",
          vpcId: props.vpcId,
          deregistrationDelay: String(engine ? spec.terminationGraceSeconds : WEB_DEREGISTRATION_DELAY_SECONDS),
          healthCheck: {
            enabled: true,
            protocol: "HTTP",
            port: "traffic-port",
            path: spec.readinessPath,
            matcher: HEALTH_CHECK.matcher,
            interval: HEALTH_CHECK.intervalSeconds,
            timeout: HEALTH_CHECK.timeoutSeconds,
            healthyThreshold: HEALTH_CHECK.healthyThreshold,
            unhealthyThreshold: HEALTH_CHECK.unhealthyThreshold,
          },
          stickiness: engine
            ? { type: "lb_cookie", enabled: true, cookieDuration: ENGINE_STICKINESS_SECONDS }
            : { type: "lb_cookie", enabled: false },
          tags: {
            Name: targetGroupName(props.environment, props.workload, colour),
            "sparki.dev/workload": props.workload,
            "sparki.dev/colour": colour,
          },
        }),
    );
    this.arns = { blue: groups[0].arn, green: groups[1].arn };
    this.arnSuffixes = { blue: groups[0].arnSuffix, green: groups[1].arnSuffix };
  }
}
