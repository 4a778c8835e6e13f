/**
 * The release file `releases/<env>.yaml`: which image each colour of each workload runs, whether
 * it is scaled up, and how traffic is split. Release state, not environment sizing: the release
 * CLI (`npm run release`) edits it, and a reviewed plan of `<env>-apps` and `<env>-edge` applies it.
 */
import * as z from "zod";
import { COLOURS, WORKLOAD_NAMES, type Colour, type WorkloadName } from "../constructs/workloads/catalog";

/** An image manifest digest: what production runs (tags are mutable). */
export const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;
/** A Docker tag: allowed outside production only. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const imageRef = z.string().refine((v) => IMAGE_DIGEST.test(v) || IMAGE_TAG.test(v), {
  message: "not an image digest or tag",
  params: {
    allowed: "a digest sha256:<64 lowercase hex> (or, outside production, a tag such as 1.4.2)",
    fix: "copy the digest `docker buildx imagetools inspect` or ECR prints for the pushed image",
  },
});

const colourRelease = z.strictObject({
  image: imageRef
    .nullable()
    .default(null)
    .describe("Image of the workload's ECR repository this colour runs, by digest; null = nothing staged"),
  replicas: z
    .union([z.literal("auto"), z.literal(0)])
    .default("auto")
    .describe("auto = the HorizontalPodAutoscaler range from the environment file; 0 = retired (scaled to zero)"),
  smoke: z
    .strictObject({
      image: imageRef.describe("The image the colour ran when it was smoke-tested"),
      passed: z.boolean(),
      at: z.iso.datetime().describe("When the smoke test ran (UTC)"),
    })
    .optional()
    .describe("Last `release smoke` of this colour (written by the CLI): shift and promote need a pass for the colour's current image"),
});

const weight = z.number().int().min(0).max(100);

const workloadRelease = z.strictObject({
  blue: colourRelease.default({ image: null, replicas: "auto" }),
  green: colourRelease.default({ image: null, replicas: "auto" }),
  traffic: z
    .strictObject({ blue: weight, green: weight })
    .default({ blue: 100, green: 0 })
    .describe("Percent of requests each colour's target group receives; the two sum to 100"),
  live: z.enum(COLOURS).default("blue").describe("The colour that last held all traffic: where `release rollback` sends it back"),
  liveSince: z.iso.datetime().optional().describe("When `live` last changed (UTC); `release retire` waits the hold time from here"),
});

export const releaseFileSchema = z
  .strictObject({
    web: workloadRelease.default({
      blue: { image: null, replicas: "auto" },
      green: { image: null, replicas: "auto" },
      traffic: { blue: 100, green: 0 },
      live: "blue",
    }),
    engine: workloadRelease.default({
      blue: { image: null, replicas: "auto" },
      green: { image: null, replicas: "auto" },
      traffic: { blue: 100, green: 0 },
      live: "blue",
    }),
  })
  .superRefine((file, ctx) => {
    for (const workload of WORKLOAD_NAMES) {
      for (const problem of workloadProblems(file[workload])) {
        ctx.addIssue({
          code: "custom",
          path: [workload, ...problem.path],
          input: problem.value,
          message: problem.message,
          params: { allowed: problem.allowed, fix: problem.fix, value: problem.value },
        });
      }
    }
  });

export type ReleaseFile = z.output<typeof releaseFileSchema>;
export type WorkloadRelease = ReleaseFile[WorkloadName];
export type ColourRelease = WorkloadRelease[Colour];

/** A problem with one workload's release, relative to the workload's key. */
export interface ReleaseProblem {
  readonly path: (string | number)[];
  readonly value: unknown;
  readonly message: string;
  readonly allowed: string;
  readonly fix: string;
}

/** Whether a colour runs pods: it has an image and is not scaled to zero. */
export function isRunning(release: ColourRelease): boolean {
  return release.image !== null && release.replicas === "auto";
}

/** Whether any colour of the workload has an image yet (before the first release, none has). */
export function isReleased(release: WorkloadRelease): boolean {
  return COLOURS.some((c) => release[c].image !== null);
}

/**
 * The rules every release state obeys, whoever wrote it (a person or the release CLI): weights
 * sum to 100, and only a colour that runs gets traffic. Before the first release nothing runs,
 * so all traffic must sit on the live colour until an image is staged there.
 */
export function workloadProblems(release: WorkloadRelease): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  const { traffic } = release;
  if (traffic.blue + traffic.green !== 100) {
    problems.push({
      path: ["traffic"],
      value: traffic,
      message: `weights sum to ${traffic.blue + traffic.green}, not 100`,
      allowed: "blue + green = 100",
      fix: "adjust the weights (or use `npm run release -- shift`)",
    });
  }
  if (!isReleased(release)) {
    if (traffic[release.live] !== 100) {
      problems.push({
        path: ["traffic"],
        value: traffic,
        message: "nothing is released yet, so all traffic stays on the live colour",
        allowed: `${release.live}: 100`,
        fix: `set traffic.${release.live} to 100 and stage an image first`,
      });
    }
    return problems;
  }
  for (const colour of COLOURS) {
    if (traffic[colour] > 0 && !isRunning(release[colour])) {
      const why = release[colour].image === null ? "has no image" : "is scaled to zero";
      problems.push({
        path: ["traffic", colour],
        value: traffic[colour],
        message: `${colour} gets traffic but ${why}`,
        allowed: "traffic only on a colour with an image and replicas: auto",
        fix: `stage an image on ${colour} (npm run release -- stage) or move its traffic to the other colour`,
      });
    }
  }
  if (!isRunning(release[release.live]) && traffic[release.live] > 0) {
    problems.push({
      path: ["live"],
      value: release.live,
      message: `live colour ${release.live} does not run`,
      allowed: "a colour with an image and replicas: auto",
      fix: "set live to the colour that serves traffic",
    });
  }
  return problems;
}
