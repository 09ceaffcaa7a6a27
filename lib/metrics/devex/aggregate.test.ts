import { describe, expect, it } from "vitest";
import { dimensionScore, distributionOf, enpsOf, meanOf } from "./aggregate";

const sums = (answers: number, more: Partial<{ total: number; favourable: number; promoters: number; detractors: number }> = {}) => ({
  answers,
  total: 0,
  favourable: 0,
  promoters: 0,
  detractors: 0,
  ...more,
});

describe("scores from counted answers", () => {
  it("say nothing rather than zero when there is no answer", () => {
    expect(dimensionScore(undefined)).toBeNull();
    expect(dimensionScore(sums(0))).toBeNull();
    expect(enpsOf(sums(0))).toBeNull();
  });

  it("give the mean, the favourable share and the eNPS, rounded to whole points", () => {
    expect(dimensionScore(sums(4, { total: 14, favourable: 3 }))).toEqual({ mean: 3.5, favourable: 0.75, answers: 4 });
    // 2 promoters, 4 passives, 1 detractor of 7: 14.3 points.
    expect(enpsOf(sums(7, { promoters: 2, detractors: 1 }))).toEqual({ score: 14, promoters: 2, passives: 4, detractors: 1, answers: 7 });
    expect(enpsOf(sums(3, { detractors: 3 }))?.score).toBe(-100);
  });

  it("list every value of the scale, unanswered ones as zero", () => {
    const d = distributionOf([1, 2, 3, 4, 5], new Map([[2, 1], [5, 3]]));
    expect(d).toEqual([
      { value: 1, count: 0 },
      { value: 2, count: 1 },
      { value: 3, count: 0 },
      { value: 4, count: 0 },
      { value: 5, count: 3 },
    ]);
    expect(meanOf(d)).toBe(17 / 4);
    expect(meanOf(distributionOf([1, 2, 3, 4, 5], new Map()))).toBeNull();
  });
});
