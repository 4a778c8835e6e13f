export * as elbv2K8sAws from "./elbv2.k8s.aws/index";
