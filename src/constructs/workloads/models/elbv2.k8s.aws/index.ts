export * as v1alpha1 from "./v1alpha1/index";
export * as v1beta1 from "./v1beta1/index";
