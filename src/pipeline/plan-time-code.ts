/**
 * Refuses synthesized stacks that would run code on the machine that plans them. Pull-request
 * code is synthesized without credentials, but its Terraform is planned in a job holding the plan
 * role's credentials: anything that executes during plan (or apply) could use them. Checked on
 * the JSON before any `terraform init`.
 */

/** Providers the stacks may use (each a pinned, checksummed binary in the stack's lock file). */
export const ALLOWED_PROVIDERS: readonly string[] = ["aws", "kubernetes", "helm"];

/** The only command a provider may execute for credentials: a short-lived EKS token. */
export const ALLOWED_EXEC = { command: "aws", argsPrefix: ["eks", "get-token"] } as const;

export interface PlanTimeCodeProblem {
  readonly stack: string;
  /** Where in the stack's JSON, for example `data.external.x` or `provider.kubernetes[0].exec`. */
  readonly address: string;
  readonly message: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function findPlanTimeCode(stack: string, json: Json): PlanTimeCodeProblem[] {
  const problems: PlanTimeCodeProblem[] = [];
  const problem = (address: string, message: string) => problems.push({ stack, address, message });

  const required =
    isObject(json.terraform) && isObject(json.terraform.required_providers) ? Object.keys(json.terraform.required_providers) : [];
  const configured = isObject(json.provider) ? Object.keys(json.provider) : [];
  for (const name of new Set([...required, ...configured])) {
    if (!ALLOWED_PROVIDERS.includes(name))
      problem(
        `provider.${name}`,
        `provider "${name}" is not one of ${ALLOWED_PROVIDERS.join(", ")}: a provider is a program that runs during plan`,
      );
  }
  if (isObject(json.provider)) {
    for (const [name, configs] of Object.entries(json.provider)) {
      for (const [i, config] of asArray(configs).entries()) checkExec(config, `provider.${name}[${i}]`, problem);
    }
  }

  if (isObject(json.data) && "external" in json.data) {
    for (const name of Object.keys(json.data.external as Json))
      problem(`data.external.${name}`, "an external data source runs a program during plan");
  }
  if (isObject(json.resource)) {
    for (const [type, byName] of Object.entries(json.resource)) {
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        if (!isObject(body)) continue;
        if ("provisioner" in body) problem(`${type}.${name}`, "a provisioner runs commands on the CI machine or a host during apply");
        if (type === "helm_release" && "postrender" in body)
          problem(`${type}.${name}.postrender`, "a Helm post-renderer runs a program during plan");
      }
    }
  }
  if (isObject(json.module)) {
    for (const name of Object.keys(json.module))
      problem(`module.${name}`, "modules are not used by the stacks; a module source fetches code from elsewhere");
  }
  return problems;
}

/** Exec credential plugins anywhere inside a provider's configuration. */
function checkExec(value: unknown, path: string, problem: (address: string, message: string) => void): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkExec(v, `${path}[${i}]`, problem);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key !== "exec") {
      checkExec(inner, `${path}.${key}`, problem);
      continue;
    }
    for (const exec of asArray(inner)) {
      const command = isObject(exec) ? exec.command : undefined;
      const args = isObject(exec) && Array.isArray(exec.args) ? exec.args : [];
      const allowed = command === ALLOWED_EXEC.command && ALLOWED_EXEC.argsPrefix.every((a, i) => args[i] === a);
      if (!allowed)
        problem(
          `${path}.exec`,
          `exec runs ${JSON.stringify([command, ...args].join(" "))}; only "${ALLOWED_EXEC.command} ` +
            `${ALLOWED_EXEC.argsPrefix.join(" ")} …" may run`,
        );
    }
  }
}
