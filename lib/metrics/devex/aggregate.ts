/**
 * Turning counted answers into scores. Every input is a count of answers from
 * teams that reached the anonymity threshold; the SQL that counts them leaves
 * the others out (lib/metrics/devex/results.ts).
 */

/** Answers to the items of one dimension (or to the recommendation item), summed over teams and items. */
export type Sums = {
  answers: number;
  /** Sum of the values given. */
  total: number;
  /** Answers of 4 or 5 on a 1–5 item. */
  favourable: number;
  /** Answers of 9 or 10 to the recommendation. */
  promoters: number;
  /** Answers of 0 to 6 to the recommendation. */
  detractors: number;
};

export type DimensionScore = { mean: number; favourable: number; answers: number };

/** Mean on the 1–5 scale and the share of favourable answers; null with no answers. */
export function dimensionScore(s: Sums | undefined): DimensionScore | null {
  if (!s || s.answers === 0) return null;
  return { mean: s.total / s.answers, favourable: s.favourable / s.answers, answers: s.answers };
}

export type Enps = { score: number; promoters: number; passives: number; detractors: number; answers: number };

/** The eNPS-style score: the share of promoters minus the share of detractors, from −100 to 100. */
export function enpsOf(s: Sums | undefined): Enps | null {
  if (!s || s.answers === 0) return null;
  return {
    score: Math.round(((s.promoters - s.detractors) / s.answers) * 100),
    promoters: s.promoters,
    passives: s.answers - s.promoters - s.detractors,
    detractors: s.detractors,
    answers: s.answers,
  };
}

export type Distribution = { value: number; count: number }[];

/** Every value of the scale with its count, zeros included, so charts and tables line up. */
export function distributionOf(values: number[], counts: Map<number, number>): Distribution {
  return values.map((value) => ({ value, count: counts.get(value) ?? 0 }));
}

export function meanOf(d: Distribution): number | null {
  const answers = d.reduce((n, v) => n + v.count, 0);
  return answers ? d.reduce((n, v) => n + v.value * v.count, 0) / answers : null;
}
