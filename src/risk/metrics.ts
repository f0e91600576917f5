/**
 * How well a risk model separates and calibrates, measured on episodes whose ending is known.
 * Labels: 1 = dropped out, 0 = completed.
 */

/**
 * Area under the ROC curve by the Mann-Whitney statistic: the chance that a random dropout scored
 * higher than a random completer, a tie counting half (tied scores share their average rank).
 * Null when one of the two outcomes is absent: there is nothing to separate.
 */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    // Ranks are 1-based; the tie group start..end shares the mean of ranks start+1..end+1.
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        positiveRankSum += rank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared distance between the predicted probability and what happened (0 is perfect; 0.25 is a coin); null with no episodes. */
export function brierScore(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  if (scores.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += ((scores[i] as number) - (labels[i] as number)) ** 2;
  return sum / scores.length;
}
