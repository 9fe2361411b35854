/**
 * A multinomial logistic regression over sparse named features, trained by plain stochastic
 * gradient descent in a fixed order (no randomness: the same examples give the same model).
 * Small on purpose: a few thousand examples and features train in well under a second, so the
 * model is trained when the NLU starts, from the training examples in dictionaries/.
 */

export type Features = Map<string, number>;

export interface LinearModelOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per step; keeps rare words from carrying a whole decision. */
  l2: number;
}

export interface LinearModel {
  labels: readonly string[];
  /** Probability of each label, in the order of `labels`. */
  probabilities(features: Features): number[];
  /** The weight of a feature for a label (0 when unknown): the evidence a decision rests on. */
  weight(label: string, feature: string): number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** A step coprime with n near the golden section: n visits of i * step mod n reach every index. */
function strideFor(n: number): number {
  let step = Math.max(1, Math.round(n * 0.618));
  while (n > 1 && gcd(step, n) !== 1) step++;
  return step;
}

function softmax(scores: number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function trainLinearModel(
  examples: readonly { features: Features; label: string }[],
  labels: readonly string[],
  options: LinearModelOptions,
): LinearModel {
  const k = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  // Features as numbers once, weights in one flat array (feature id x label): training touches
  // each active feature of each example once per label and pass, so lookups must be cheap.
  const featureIds = new Map<string, number>();
  const rows = examples.flatMap(({ features, label }) => {
    const target = labelIndex.get(label);
    if (target === undefined) return [];
    const ids: number[] = [];
    const values: number[] = [];
    for (const [f, v] of features) {
      let id = featureIds.get(f);
      if (id === undefined) {
        id = featureIds.size;
        featureIds.set(f, id);
      }
      ids.push(id);
      values.push(v);
    }
    return [{ ids, values, target }];
  });
  const weights = new Float64Array(featureIds.size * k);
  const bias = new Float64Array(k);
  const scores = new Array<number>(k).fill(0);

  const stride = strideFor(rows.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Decaying step: big moves first, then settle.
    const rate = options.learningRate / (1 + epoch / 10);
    const decay = 1 - rate * options.l2;
    // A fixed interleaving instead of a random shuffle: every pass visits the examples in a
    // different but reproducible order.
    for (let n = 0; n < rows.length; n++) {
      const row = rows[(n * stride + epoch) % rows.length];
      if (!row) continue;
      for (let j = 0; j < k; j++) {
        let s = bias[j] ?? 0;
        for (let i = 0; i < row.ids.length; i++) {
          s += (weights[(row.ids[i] ?? 0) * k + j] ?? 0) * (row.values[i] ?? 0);
        }
        scores[j] = s;
      }
      const p = softmax(scores);
      for (let j = 0; j < k; j++) {
        const gradient = (p[j] ?? 0) - (j === row.target ? 1 : 0);
        bias[j] = (bias[j] ?? 0) - rate * gradient;
        for (let i = 0; i < row.ids.length; i++) {
          const at = (row.ids[i] ?? 0) * k + j;
          weights[at] = (weights[at] ?? 0) * decay - rate * gradient * (row.values[i] ?? 0);
        }
      }
    }
  }

  const weightOf = (feature: string, j: number | undefined) => {
    const id = featureIds.get(feature);
    return id === undefined || j === undefined ? 0 : (weights[id * k + j] ?? 0);
  };
  return {
    labels,
    probabilities(features) {
      const out = labels.map((_, j) => bias[j] ?? 0);
      for (const [f, v] of features) {
        const id = featureIds.get(f);
        if (id === undefined) continue;
        for (let j = 0; j < k; j++) out[j] = (out[j] ?? 0) + (weights[id * k + j] ?? 0) * v;
      }
      return softmax(out);
    },
    weight: (label, feature) => weightOf(feature, labelIndex.get(label)),
  };
}
