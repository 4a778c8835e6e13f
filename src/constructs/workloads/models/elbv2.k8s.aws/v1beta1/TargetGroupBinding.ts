import { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import { Model, ModelData, setValidateFunc, createTypeMetaGuard } from "@kubernetes-models/base";
import { ValidateFunc } from "@kubernetes-models/validate";
import { validate } from "../../_schemas/Elbv2K8sAwsV1beta1TargetGroupBinding";

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
  "apiVersion": "elbv2.k8s.aws/v1beta1";
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
     * ipAddressType specifies whether the target group is of type IPv4 or IPv6. If unspecified, it will be automatically inferred.
     */
    "ipAddressType"?: "ipv4" | "ipv6";
    /**
     * MultiClusterTargetGroup Denotes if the TargetGroup is shared among multiple clusters
     */
    "multiClusterTargetGroup"?: boolean;
    /**
     * networking defines the networking rules to allow ELBV2 LoadBalancer to access targets in TargetGroup.
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
     * node selector for instance type target groups to only register certain nodes
     */
    "nodeSelector"?: {
      /**
       * matchExpressions is a list of label selector requirements. The requirements are ANDed.
       */
      "matchExpressions"?: Array<{
        /**
         * key is the label key that the selector applies to.
         */
        "key": string;
        /**
         * operator represents a key's relationship to a set of values.
         * Valid operators are In, NotIn, Exists and DoesNotExist.
         */
        "operator": string;
        /**
         * values is an array of string values. If the operator is In or NotIn,
         * the values array must be non-empty. If the operator is Exists or DoesNotExist,
         * the values array must be empty. This array is replaced during a strategic
         * merge patch.
         */
        "values"?: Array<string>;
      }>;
      /**
       * matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels
       * map is equivalent to an element of matchExpressions, whose key field is "key", the
       * operator is "In", and the values array contains only "value". The requirements are ANDed.
       */
      "matchLabels"?: {
        [key: string]: string;
      };
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
     * targetGroupProtocol is the Protocol of the TargetGroup. If unspecified, it will be automatically inferred.
     */
    "targetGroupProtocol"?: "HTTP" | "HTTPS" | "TCP" | "TLS" | "UDP" | "TCP_UDP" | "QUIC" | "TCP_QUIC";
    /**
     * targetType is the TargetType of TargetGroup. If unspecified, it will be automatically inferred.
     */
    "targetType"?: "instance" | "ip";
    /**
     * VpcID is the VPC of the TargetGroup. If unspecified, it will be automatically inferred.
     */
    "vpcID"?: string;
  };
  /**
   * TargetGroupBindingStatus defines the observed state of TargetGroupBinding
   */
  "status"?: {
    /**
     * Conditions describe the current conditions of the TargetGroupBinding.
     */
    "conditions"?: Array<{
      /**
       * lastTransitionTime is the last time the condition transitioned from one status to another.
       * This should be when the underlying condition changed.  If that is not known, then using the time when the API field changed is acceptable.
       */
      "lastTransitionTime": string;
      /**
       * message is a human readable message indicating details about the transition.
       * This may be an empty string.
       */
      "message": string;
      /**
       * observedGeneration represents the .metadata.generation that the condition was set based upon.
       * For instance, if .metadata.generation is currently 12, but the .status.conditions[x].observedGeneration is 9, the condition is out of date
       * with respect to the current state of the instance.
       */
      "observedGeneration"?: number;
      /**
       * reason contains a programmatic identifier indicating the reason for the condition's last transition.
       * Producers of specific condition types may define expected values and meanings for this field,
       * and whether the values are considered a guaranteed API.
       * The value should be a CamelCase string.
       * This field may not be empty.
       */
      "reason": string;
      /**
       * status of the condition, one of True, False, Unknown.
       */
      "status": "True" | "False" | "Unknown";
      /**
       * type of condition in CamelCase or in foo.example.com/CamelCase.
       */
      "type": string;
    }>;
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

static apiVersion: ITargetGroupBinding["apiVersion"] = "elbv2.k8s.aws/v1beta1";
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
