export type Tier = "elite" | "high" | "medium" | "low";

/**
 * The performance levels of the DORA 2023 "Accelerate State of DevOps" report,
 * with the cut-offs Apache DevLake's DORA dashboards encode for them. Every
 * tier Runway shows comes from this one table.
 */
export const DORA_TIERS = {
  source: "DORA 2023 State of DevOps report, as encoded by Apache DevLake (DORA dashboards)",
  /** Median number of days with a deployment per ISO week; below `high`, deployments per 30 days. */
  deploymentFrequency: { eliteDeployDaysPerWeek: 5, highDeployDaysPerWeek: 1, mediumDeploymentsPer30Days: 1 },
  /** Median lead time in hours: below each value. */
  leadTimeForChanges: { eliteBelowHours: 24, highBelowHours: 24 * 7, mediumBelowHours: 24 * 30 },
  /** Share of deployments that caused an incident: at most each value. */
  changeFailureRate: { eliteAtMost: 0.05, highAtMost: 0.1, mediumAtMost: 0.15 },
  /** Median time to restore in hours: below each value. */
  timeToRestore: { eliteBelowHours: 1, highBelowHours: 24, mediumBelowHours: 24 * 7 },
} as const;

export function deploymentFrequencyTier(medianDeployDaysPerWeek: number, deployments: number, windowDays: number): Tier {
  const t = DORA_TIERS.deploymentFrequency;
  if (medianDeployDaysPerWeek >= t.eliteDeployDaysPerWeek) return "elite";
  if (medianDeployDaysPerWeek >= t.highDeployDaysPerWeek) return "high";
  return deployments * 30 >= t.mediumDeploymentsPer30Days * windowDays ? "medium" : "low";
}

export function leadTimeTier(medianHours: number): Tier {
  const t = DORA_TIERS.leadTimeForChanges;
  if (medianHours < t.eliteBelowHours) return "elite";
  if (medianHours < t.highBelowHours) return "high";
  return medianHours < t.mediumBelowHours ? "medium" : "low";
}

export function changeFailureRateTier(ratio: number): Tier {
  const t = DORA_TIERS.changeFailureRate;
  if (ratio <= t.eliteAtMost) return "elite";
  if (ratio <= t.highAtMost) return "high";
  return ratio <= t.mediumAtMost ? "medium" : "low";
}

export function timeToRestoreTier(medianHours: number): Tier {
  const t = DORA_TIERS.timeToRestore;
  if (medianHours < t.eliteBelowHours) return "elite";
  if (medianHours < t.highBelowHours) return "high";
  return medianHours < t.mediumBelowHours ? "medium" : "low";
}
