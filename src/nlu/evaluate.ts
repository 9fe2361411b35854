/**
 * Scores a classifier on labelled examples: accuracy, precision and recall per label, the
 * confusion matrix, and the giftcard/account swap rate. Pure, so the eval CLI, the bench (ours and
 * nlp.js) and the accuracy tests all count the same way.
 */
import { ANSWER_KINDS, BRANCHES, type Branch, CAUSE_IDS, type CauseId } from '../core/domain.ts';
import type { AnswerKind } from '../core/ports.ts';
import type { AnswerExample, ComplaintExample } from './dictionarySchema.ts';

export interface LabelStats {
  label: string;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
}

export interface Confusion {
  labels: string[];
  /** rows: expected, columns: predicted */
  counts: number[][];
}

export interface ComplaintMetrics {
  total: number;
  branchAccuracy: number;
  /** Over examples labelled giftcard or account: read as the other one of the two. */
  swappedRate: number;
  /** Over examples labelled with a cause: that cause found. */
  causeAccuracy: number;
  /** Over all examples: the cause (or its absence) exactly right. */
  causeExactAccuracy: number;
  branches: LabelStats[];
  causes: LabelStats[];
  confusion: Confusion;
  errors: { id: string; text: string; expected: string; got: string }[];
}

export interface AnswerMetrics {
  total: number;
  accuracy: number;
  /** Over examples labelled yes or no. */
  yesNoAccuracy: number;
  wishAccuracy: number;
  kinds: LabelStats[];
  confusion: Confusion;
  errors: { id: string; text: string; expected: string; got: string }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function labelStats(labels: readonly string[], pairs: [string, string][]): LabelStats[] {
  return labels.map((label) => {
    const support = pairs.filter(([e]) => e === label).length;
    const predicted = pairs.filter(([, p]) => p === label).length;
    const hit = pairs.filter(([e, p]) => e === label && p === label).length;
    return { label, support, predicted, precision: ratio(hit, predicted), recall: ratio(hit, support) };
  });
}

function confusion(labels: readonly string[], pairs: [string, string][]): Confusion {
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const [e, p] of pairs) {
    const row = counts[index.get(e) ?? -1];
    const col = index.get(p);
    if (row && col !== undefined) row[col] = (row[col] ?? 0) + 1;
  }
  return { labels: [...labels], counts };
}

export type ComplaintGuess = { branch: Branch; cause: CauseId | null };

export function evaluateComplaints(
  examples: ComplaintExample[],
  predict: (text: string) => ComplaintGuess,
): ComplaintMetrics {
  const results = examples.map((e) => ({ e, got: predict(e.text) }));
  const branchPairs = results.map(({ e, got }): [string, string] => [e.branch, got.branch]);
  const withCause = results.filter(({ e }) => e.cause);
  const twoSided = results.filter(({ e }) => e.branch === 'giftcard' || e.branch === 'account');
  const swapped = twoSided.filter(
    ({ e, got }) => (got.branch === 'giftcard' || got.branch === 'account') && got.branch !== e.branch,
  );
  const causeLabel = (c: CauseId | null) => c ?? 'none';
  const causePairs = results.map(({ e, got }): [string, string] => [
    causeLabel(e.cause),
    causeLabel(got.cause),
  ]);
  return {
    total: examples.length,
    branchAccuracy: ratio(branchPairs.filter(([a, b]) => a === b).length, examples.length),
    swappedRate: ratio(swapped.length, twoSided.length),
    causeAccuracy: ratio(withCause.filter(({ e, got }) => got.cause === e.cause).length, withCause.length),
    causeExactAccuracy: ratio(results.filter(({ e, got }) => got.cause === e.cause).length, examples.length),
    branches: labelStats(BRANCHES, branchPairs),
    causes: labelStats([...CAUSE_IDS, 'none'], causePairs),
    confusion: confusion(BRANCHES, branchPairs),
    errors: results
      .filter(({ e, got }) => got.branch !== e.branch || got.cause !== e.cause)
      .map(({ e, got }) => ({
        id: e.id,
        text: e.text,
        expected: `${e.branch}/${causeLabel(e.cause)}`,
        got: `${got.branch}/${causeLabel(got.cause)}`,
      })),
  };
}

export type AnswerGuess = { answer: AnswerKind; wantsHuman: boolean; restart: boolean };

export function evaluateAnswers(
  examples: AnswerExample[],
  predict: (text: string) => AnswerGuess,
): AnswerMetrics {
  const results = examples.map((e) => ({ e, got: predict(e.text) }));
  const pairs = results.map(({ e, got }): [string, string] => [e.answer, got.answer]);
  const yesNo = results.filter(({ e }) => e.answer === 'yes' || e.answer === 'no');
  const wishesRight = ({ e, got }: (typeof results)[number]) =>
    got.wantsHuman === (e.wantsHuman ?? false) && got.restart === (e.restart ?? false);
  return {
    total: examples.length,
    accuracy: ratio(pairs.filter(([a, b]) => a === b).length, examples.length),
    yesNoAccuracy: ratio(yesNo.filter(({ e, got }) => got.answer === e.answer).length, yesNo.length),
    wishAccuracy: ratio(results.filter(wishesRight).length, examples.length),
    kinds: labelStats(ANSWER_KINDS, pairs),
    confusion: confusion(ANSWER_KINDS, pairs),
    errors: results
      .filter((r) => r.got.answer !== r.e.answer || !wishesRight(r))
      .map(({ e, got }) => ({
        id: e.id,
        text: e.text,
        expected: `${e.answer}${e.wantsHuman ? '+human' : ''}${e.restart ? '+restart' : ''}`,
        got: `${got.answer}${got.wantsHuman ? '+human' : ''}${got.restart ? '+restart' : ''}`,
      })),
  };
}
