/** Shared types of the cost estimate. */

/** One thing that costs money, priced per month. */
export interface LineItem {
  /** Stack the resource is in, or `(environment)` for implied, environment-wide items. */
  readonly stack: string;
  /** Terraform address (`aws_nat_gateway.x`), or `implied:<what>` for an item Terraform does not create. */
  readonly address: string;
  /** What is counted, e.g. `EKS node group: 3 × m7i.large ON_DEMAND`. */
  readonly description: string;
  readonly monthlyUsd: number;
  /** True when the price table has no price for it: the amount is unknown, not zero. */
  readonly unpriced?: boolean;
  /** Assumption the figure rests on, shown next to it. */
  readonly assumption?: string;
}

export interface StackEstimate {
  readonly stack: string;
  readonly monthlyUsd: number;
  readonly items: readonly LineItem[];
  /** Resource types present that the estimator neither prices nor knows to be free. */
  readonly notEstimated: readonly string[];
  /** Regions other than the price table's whose resources were priced at its rates. */
  readonly otherRegions: readonly string[];
}

export interface EnvironmentEstimate {
  /** From the stacks' `Environment` default tag; `account <id>` for account-level stacks. */
  readonly environment: string;
  readonly monthlyUsd: number;
  readonly stacks: readonly StackEstimate[];
  /** Environment-wide items no single stack creates (log ingestion, the ingress ALB). */
  readonly implied: readonly LineItem[];
  /** Addresses whose price is missing from the table. */
  readonly unpriced: readonly string[];
}

/** Inputs an estimate needs that the Terraform JSON does not hold. */
export interface EnvironmentAssumptions {
  /** @see DEFAULT_LOG_INGESTION_GIB_PER_MONTH */
  readonly logIngestionGiBPerMonth: number;
}

/** What `cost-estimate.json` holds: the estimate of one synthesis output. */
export interface OutputEstimate {
  readonly priceRegion: string;
  readonly pricesAsOf: string;
  readonly environments: readonly EnvironmentEstimate[];
}

/** The parts of a stack's Terraform JSON the estimator reads. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, any>>>;
  provider?: Record<string, Record<string, any>[]>;
}
