/**
 * The learned half of the NLU: three linear models (branch, cause, answer) trained on the
 * training examples in dictionaries/examples/ when the NLU starts. They know every word the
 * examples use, weighted by how it went in the examples, where the lexicon knows only the terms
 * someone wrote down; blendReadings.ts combines the two.
 */
import { ANSWER_KINDS, BRANCHES, CAUSE_IDS } from '../core/domain.ts';
import type { AnswerExample, ComplaintExample } from './dictionarySchema.ts';
import { FeatureIndex, type Features, type LinearModel, trainLinearModel } from './linearModel.ts';
import { wordOf } from './textFeatures.ts';

export const NO_CAUSE = 'none';

export interface LearnedReaders {
  /** The feature index the branch and cause models share: a complaint is looked up once. */
  complaintIndex: FeatureIndex;
  branch: LinearModel;
  /** Causes plus NO_CAUSE. */
  cause: LinearModel;
  answer: LinearModel;
}

// Chosen by leave-one-author-out on the training files (trained on the other authors, scored on
// the one left out: `npm run eval:nlu -- --leave-out trainD`); other values changed little.
const OPTIONS = { epochs: 30, learningRate: 0.2, l2: 0.001 };

/** How a text becomes features: the same functions read the examples and the live texts. */
export interface FeatureReaders {
  complaint(text: string): Features;
  answer(text: string): Features;
}

export function trainLearnedReaders(
  complaints: readonly ComplaintExample[],
  answers: readonly AnswerExample[],
  featuresOf: FeatureReaders,
): LearnedReaders {
  const complaintRows = complaints.map((e) => ({ example: e, features: featuresOf.complaint(e.text) }));
  const answerRows = answers.map((e) => ({ features: featuresOf.answer(e.text), label: e.answer }));
  const complaintIndex = new FeatureIndex();
  return {
    complaintIndex,
    branch: trainLinearModel(
      complaintRows.map((r) => ({ features: r.features, label: r.example.branch })),
      BRANCHES,
      OPTIONS,
      complaintIndex,
    ),
    cause: trainLinearModel(
      complaintRows
        // Causes are learned from texts that settle the branch: "other" texts would only teach
        // "none", and so would most "unclear" ones (gift money gone, nothing more said).
        .filter((r) => r.example.branch === 'giftcard' || r.example.branch === 'account')
        .map((r) => ({ features: r.features, label: r.example.cause ?? NO_CAUSE })),
      [...CAUSE_IDS, NO_CAUSE],
      OPTIONS,
      complaintIndex,
    ),
    answer: trainLinearModel(answerRows, ANSWER_KINDS, OPTIONS),
  };
}

/** The words that pushed a model hardest towards `label` in this text, strongest first. */
export function modelEvidence(model: LinearModel, label: string, features: Features, limit = 8): string[] {
  const pushes: [string, number][] = [];
  for (const [feature, value] of features) {
    const word = wordOf(feature);
    const push = model.weight(label, feature) * value;
    if (word !== null && push > 0) pushes.push([word, push]);
  }
  return [...new Set(pushes.sort((a, b) => b[1] - a[1]).map(([word]) => word))].slice(0, limit);
}
