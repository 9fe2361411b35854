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

/**
 * Feature names as numbers. Models that read the same text share one index, so a text's
 * features are looked up once for all of them (the lookups are most of the cost of a reading).
 */
export class FeatureIndex {
  private readonly ids = new Map<string, number>();

  get size(): number {
    return this.ids.size;
  }

  /** The id of a name, given a new one if it has none yet (training). */
  add(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(name, id);
    }
    return id;
  }

  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** The features of a text that the index knows; unknown ones weigh nothing in any model. */
  resolve(features: Features): ResolvedFeatures {
    const ids: number[] = [];
    const values: number[] = [];
    for (const [name, value] of features) {
      const id = this.ids.get(name);
      if (id === undefined) continue;
      ids.push(id);
      values.push(value);
    }
    return { ids, values };
  }
}

export interface ResolvedFeatures {
  ids: number[];
  values: number[];
}

export interface LinearModel {
  labels: readonly string[];
  /** Probability of each label, in the order of `labels`. */
  probabilities(features: Features): number[];
  /** The same, for features already resolved against the model's index. */
  probabilitiesOf(features: ResolvedFeatures): number[];
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

/** Softmax in place. */
function softmax(scores: number[]): number[] {
  let top = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > top) top = s;
  let sum = 0;
  for (let j = 0; j < scores.length; j++) {
    const e = Math.exp((scores[j] ?? 0) - top);
    scores[j] = e;
    sum += e;
  }
  for (let j = 0; j < scores.length; j++) scores[j] = (scores[j] ?? 0) / sum;
  return scores;
}

export function trainLinearModel(
  examples: readonly { features: Features; label: string }[],
  labels: readonly string[],
  options: LinearModelOptions,
  index: FeatureIndex = new FeatureIndex(),
): LinearModel {
  const k = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const rows = examples.flatMap(({ features, label }) => {
    const target = labelIndex.get(label);
    if (target === undefined) return [];
    const ids: number[] = [];
    const values: number[] = [];
    for (const [name, value] of features) {
      ids.push(index.add(name));
      values.push(value);
    }
    return [{ ids, values, target }];
  });
  // One flat array (feature id x label); the index may hold other models' features too, and
  // later ones this model never saw: those weigh 0.
  const width = index.size;
  const weights = new Float64Array(width * k);
  const bias = new Float64Array(k);
  const scores = new Array<number>(k).fill(0);
  const weightAt = (id: number, j: number) => (id < width ? (weights[id * k + j] ?? 0) : 0);

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
        for (let i = 0; i < row.ids.length; i++) s += weightAt(row.ids[i] ?? 0, j) * (row.values[i] ?? 0);
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

  const probabilitiesOf = ({ ids, values }: ResolvedFeatures) => {
    const out = Array.from(bias);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? 0;
      if (id >= width) continue;
      const v = values[i] ?? 0;
      for (let j = 0; j < k; j++) out[j] = (out[j] ?? 0) + (weights[id * k + j] ?? 0) * v;
    }
    return softmax(out);
  };
  return {
    labels,
    probabilitiesOf,
    probabilities: (features) => probabilitiesOf(index.resolve(features)),
    weight(label, feature) {
      const j = labelIndex.get(label);
      const id = index.idOf(feature);
      return j === undefined || id === undefined ? 0 : weightAt(id, j);
    },
  };
}
