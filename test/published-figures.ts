/** Published figures of a cell of which only the median matters (unit tests of pages that rank or draw medians). */
export const publishedMedian = (medianDays: number | null) => ({
  suppressed: false as const,
  reports: 20,
  paid: 20,
  waiting: 0,
  medianDays,
  p90Days: null,
  shareOverThreshold: null,
  shareOverThresholdCi: null,
  paidMeanDays: null,
  paidMedianDays: null,
  fundPart: { suppressed: true as const },
  consequences: { suppressed: true as const },
});
