import { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import { Model, ModelData, setValidateFunc, createTypeMetaGuard } from "@kubernetes-models/base";
import { ValidateFunc } from "@kubernetes-models/validate";
import { validate } from "../../_schemas/Elbv2K8sAwsV1alpha1TargetGroupBinding";

/**
 * TargetGroupBinding is the Schema for the TargetGroupBinding API
 */
export interface ITargetGroupBinding {
  /**
   * APIVersion defines the versioned schema of this representation of an object.
   * Servers should convert recognized schemas to the latest internal value, and
   * may reject unrecognized values.
   * More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources
   */
  "apiVersion": "elbv2.k8s.aws/v1alpha1";
  /**
   * Kind is a string value representing the REST resource this object represents.
   * Servers may infer this from the endpoint the client submits requests to.
   * Cannot be updated.
   * In CamelCase.
   * More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds
   */
  "kind": "TargetGroupBinding";
  "metadata"?: IObjectMeta;
  /**
   * TargetGroupBindingSpec defines the desired state of TargetGroupBinding
   */
  "spec"?: {
    /**
     * IAM Role ARN to assume when calling AWS APIs. Needed to assume a role in another account and prevent the confused deputy problem. https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
     */
    "assumeRoleExternalId"?: string;
    /**
     * IAM Role ARN to assume when calling AWS APIs. Useful if the target group is in a different AWS account
     */
    "iamRoleArnToAssume"?: string;
    /**
     * MultiClusterTargetGroup Denotes if the TargetGroup is shared among multiple clusters
     */
    "multiClusterTargetGroup"?: boolean;
    /**
     * networking provides the networking setup for ELBV2 LoadBalancer to access targets in TargetGroup.
     */
    "networking"?: {
      /**
       * List of ingress rules to allow ELBV2 LoadBalancer to access targets in TargetGroup.
       */
      "ingress"?: Array<{
        /**
         * List of peers which should be able to access the targets in TargetGroup.
         * At least one NetworkingPeer should be specified.
         */
        "from": Array<{
          /**
           * IPBlock defines an IPBlock peer.
           * If specified, none of the other fields can be set.
           */
          "ipBlock"?: {
            /**
             * CIDR is the network CIDR.
             * Both IPV4 or IPV6 CIDR are accepted.
             */
            "cidr": string;
          };
          /**
           * SecurityGroup defines a SecurityGroup peer.
           * If specified, none of the other fields can be set.
           */
          "securityGroup"?: {
            /**
             * GroupID is the EC2 SecurityGroupID.
             */
            "groupID": string;
          };
        }>;
        /**
         * List of ports which should be made accessible on the targets in TargetGroup.
         * If ports is empty or unspecified, it defaults to all ports with TCP.
         */
        "ports": Array<{
          /**
           * The port which traffic must match.
           * When NodePort endpoints(instance TargetType) is used, this must be a numerical port.
           * When Port endpoints(ip TargetType) is used, this can be either numerical or named port on pods.
           * if port is unspecified, it defaults to all ports.
           */
          "port"?: number | string;
          /**
           * The protocol which traffic must match.
           * If protocol is unspecified, it defaults to TCP.
           */
          "protocol"?: "TCP" | "UDP";
        }>;
      }>;
    };
    /**
     * serviceRef is a reference to a Kubernetes Service and ServicePort.
     */
    "serviceRef": {
      /**
       * Name is the name of the Service.
       */
      "name": string;
      /**
       * Port is the port of the ServicePort.
       */
      "port": number | string;
    };
    /**
     * targetGroupARN is the Amazon Resource Name (ARN) for the TargetGroup.
     */
    "targetGroupARN"?: string;
    /**
     * targetGroupName is the Name of the TargetGroup.
     */
    "targetGroupName"?: string;
    /**
     * targetType is the TargetType of TargetGroup. If unspecified, it will be automatically inferred.
     */
    "targetType"?: "instance" | "ip";
  };
  /**
   * TargetGroupBindingStatus defines the observed state of TargetGroupBinding
   */
  "status"?: {
    /**
     * The generation observed by the TargetGroupBinding controller.
     */
    "observedGeneration"?: number;
  };
}

/**
 * TargetGroupBinding is the Schema for the TargetGroupBinding API
 */
export class TargetGroupBinding extends Model<ITargetGroupBinding> implements ITargetGroupBinding {
  "apiVersion": ITargetGroupBinding["apiVersion"];
  "kind": ITargetGroupBinding["kind"];
  "metadata"?: ITargetGroupBinding["metadata"];
  "spec"?: ITargetGroupBinding["spec"];
  "status"?: ITargetGroupBinding["status"];

static apiVersion: ITargetGroupBinding["apiVersion"] = "elbv2.k8s.aws/v1alpha1";
static kind: ITargetGroupBinding["kind"] = "TargetGroupBinding";
static is = createTypeMetaGuard<ITargetGroupBinding>(TargetGroupBinding);

constructor(data?: ModelData<ITargetGroupBinding>) {
  super();

  this.setDefinedProps({
    apiVersion: TargetGroupBinding.apiVersion,
    kind: TargetGroupBinding.kind,
    ...data
  } as ITargetGroupBinding);
}
}


setValidateFunc(TargetGroupBinding, validate as ValidateFunc<ITargetGroupBinding>);
