import { describe, expect, it } from 'vitest';
import { type Features, trainLinearModel } from '../../../src/nlu/linearModel.ts';

const f = (...names: string[]): Features => new Map(names.map((n) => [n, 1]));
const OPTIONS = { epochs: 30, learningRate: 0.2, l2: 0.001 };
const LABELS = ['fruit', 'tool'] as const;
const EXAMPLES = [
  { features: f('apple', 'red'), label: 'fruit' },
  { features: f('banana', 'yellow'), label: 'fruit' },
  { features: f('cherry', 'red'), label: 'fruit' },
  { features: f('hammer', 'heavy'), label: 'tool' },
  { features: f('saw', 'sharp'), label: 'tool' },
  { features: f('drill', 'heavy', 'red'), label: 'tool' },
];
const top = (p: number[]) => LABELS[p.indexOf(Math.max(...p))];

describe('trainLinearModel', () => {
  const model = trainLinearModel(EXAMPLES, LABELS, OPTIONS);

  it('learns the examples it was given', () => {
    for (const e of EXAMPLES) expect(top(model.probabilities(e.features))).toBe(e.label);
  });

  it('generalises from a word seen with one label only', () => {
    expect(top(model.probabilities(f('apple', 'unseen')))).toBe('fruit');
    expect(top(model.probabilities(f('saw')))).toBe('tool');
  });

  it('gives probabilities that sum to one, and the prior for words it never saw', () => {
    const p = model.probabilities(f('never', 'seen'));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p[0]).toBeCloseTo(0.5, 1);
  });

  it('weights a word towards the label it came with', () => {
    expect(model.weight('fruit', 'banana')).toBeGreaterThan(0);
    expect(model.weight('tool', 'banana')).toBeLessThan(0);
    expect(model.weight('fruit', 'never-seen')).toBe(0);
    expect(model.weight('no-such-label', 'banana')).toBe(0);
  });

  it('is the same model every time it is trained on the same examples', () => {
    const again = trainLinearModel(EXAMPLES, LABELS, OPTIONS);
    expect(again.probabilities(f('red', 'heavy'))).toEqual(model.probabilities(f('red', 'heavy')));
  });

  it('skips examples whose label it does not know, and trains on no examples at all', () => {
    const withStray = trainLinearModel(
      [...EXAMPLES, { features: f('apple'), label: 'stray' }],
      LABELS,
      OPTIONS,
    );
    expect(top(withStray.probabilities(f('apple')))).toBe('fruit');
    const empty = trainLinearModel([], LABELS, OPTIONS);
    expect(empty.probabilities(f('apple'))).toEqual([0.5, 0.5]);
  });
});
