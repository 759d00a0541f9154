import { gapDays, targetBand, targetDays } from './gap';

describe('gap to target', () => {
  it.each([
    // prisonerDays, active, target, target days, gap
    [10, 6, 0.9, 9, 3],
    [10, 9, 0.9, 9, 0],
    [10, 10, 0.9, 9, 0],
    [25, 19, 0.9, 23, 4], // 22.5 → 23
    [0, 0, 0.9, 0, 0],
    [100, 90, 0.9, 90, 0], // 0.9 × 100 is 90.00000000000001 in floating point
    [7, 0, 1, 7, 7],
  ])('%i prisoner-days, %i active, target %f → %i days needed, gap %i', (pd, active, target, need, gap) => {
    expect(targetDays(pd, target)).toBe(need);
    expect(gapDays(pd, active, target)).toBe(gap);
  });

  it.each([
    [0.9, 'AT_TARGET'],
    [0.95, 'AT_TARGET'],
    [0.899, 'NEAR'],
    [0.85, 'NEAR'],
    [0.8499, 'FAR'],
    [0.2, 'FAR'],
    [null, null],
  ])('rate %p → band %p (target 90 %%)', (rate, band) => {
    expect(targetBand(rate as number | null, 0.9)).toBe(band);
  });
});
