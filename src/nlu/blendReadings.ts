/**
 * The lexicon's reading and the learned models' probabilities, blended. Branch: each label scores
 * (1 - share) x the model's probability, plus `share` for the branch the lexicon chose. Cause: the
 * log of the model's probability plus the lexicon's own score for that cause. The lexicon holds
 * what a model cannot learn from a few thousand examples (negation rules, dates, code shapes, rare
 * but sure cues); the model knows the many everyday words no one put in the lexicon.
 * `share` is a lexicon setting (`lexiconShare`); both rules were chosen by leave-one-author-out
 * (models trained without one author's examples, scored on them).
 */
import { ANSWER_KINDS, BRANCHES, type CauseId } from '../core/domain.ts';
import type { AnswerReading, ComplaintReading } from '../core/ports.ts';
import { CAUSES_BY_BRANCH } from './causeBranches.ts';
import { type LearnedReaders, modelEvidence, NO_CAUSE } from './learnedReaders.ts';
import type { Features } from './linearModel.ts';

const round = (x: number) => Math.round(x * 100) / 100;

/** The best-scoring candidate and its score; the first one wins a tie. */
function best<T extends string>(candidates: readonly T[], score: (label: T) => number): [T, number] {
  let top = candidates[0] as T;
  let topScore = Number.NEGATIVE_INFINITY;
  for (const label of candidates) {
    const s = score(label);
    if (s > topScore) [top, topScore] = [label, s];
  }
  return [top, topScore];
}

function unique(words: string[], limit = 8): string[] {
  return [...new Set(words)].slice(0, limit);
}

/**
 * What the lexicon reads for sure, whatever the model says: a text with a gift card code in it is
 * about that code (few training examples hold one), account-takeover words are about the account,
 * and a text that asks back (入ってました？) answers nothing.
 */
export interface SureCues {
  hasCode: boolean;
  asksBack: boolean;
  /** The lexicon's takeover signs (the Reading's `takeover`). */
  takeover: boolean;
  /** The answer lexicon recognised a word (a statement like 消えました included). */
  answerWords: boolean;
}

export function blendComplaint(
  lexicon: ComplaintReading,
  features: Features,
  models: LearnedReaders,
  share: number,
  cues: SureCues,
  /** The lexicon's score for each cause (its tally). */
  causeScores: Readonly<Record<string, number>>,
): ComplaintReading {
  // Nothing to read (an empty or symbols-only text: "other, confidence 0"), or a pasted code.
  if (features.size === 0 || (cues.hasCode && lexicon.branch === 'giftcard')) return lexicon;
  // Takeover signs the lexicon read as the account's (乗っ取られた, パスワードが変わった) are sure
  // too: a model that saw as many hijacked mailboxes (a stolen code) must not move them.
  if (cues.takeover && lexicon.branch === 'account' && lexicon.cause === 'account_hacked') return lexicon;
  const resolved = models.complaintIndex.resolve(features);
  const branchP = models.branch.probabilitiesOf(resolved);
  // Likewise "other" from a lexicon that recognised no word at all.
  const branchVote = lexicon.branch === 'other' && lexicon.evidence.length === 0 ? share / 2 : share;
  const [branch, branchScore] = best(BRANCHES, (b) => {
    const p = branchP[models.branch.labels.indexOf(b)] ?? 0;
    return (1 - share) * p + (b === lexicon.branch ? branchVote : 0);
  });
  const causeP = models.cause.probabilitiesOf(resolved);
  const candidates: (CauseId | typeof NO_CAUSE)[] = [...CAUSES_BY_BRANCH[branch], NO_CAUSE];
  // Causes in log space: a lexicon cause term adds its score, so a strong cue (乗っ取られた: 3)
  // outweighs a model that leans elsewhere and a weak one (a single 期限: 1) does not. "None"
  // gets nothing from the lexicon: no cause term firing is no evidence of no cause.
  const [cause] = best(candidates, (c) => {
    const p = causeP[models.cause.labels.indexOf(c)] ?? 0;
    const lexiconScore = c === NO_CAUSE ? 0 : Math.max(0, causeScores[c] ?? 0);
    return Math.log(p + 1e-6) + lexiconScore;
  });
  const named = cause === NO_CAUSE ? null : cause;
  if (branch === lexicon.branch && named === lexicon.cause) {
    return { ...lexicon, confidence: round(branchScore) };
  }
  // The model moved the reading: its own strongest words are the evidence, the lexicon's next.
  const fromModel = [
    ...(named ? modelEvidence(models.cause, named, features) : []),
    ...modelEvidence(models.branch, branch, features),
  ];
  return {
    text: lexicon.text,
    branch,
    cause: named,
    confidence: round(branchScore),
    evidence: unique(branch === lexicon.branch ? [...fromModel, ...lexicon.evidence] : fromModel),
  };
}

/** `featuresOf` is called only when the model has a say: most answers never need it. */
export function blendAnswer(
  lexicon: AnswerReading,
  featuresOf: () => Features,
  models: LearnedReaders,
  share: number,
  cues: SureCues,
): AnswerReading {
  // An answer the lexicon recognised stands: its cues were written for exactly this question, and
  // a word it knows as no answer (消えました: what happened) is no gap either. The model fills the
  // gaps, where the lexicon recognised no word at all (せやで, 👍, nope).
  if (share >= 1 || lexicon.evidence.length > 0 || cues.answerWords) return lexicon;
  if (cues.asksBack && lexicon.answer === 'other') return lexicon;
  const features = featuresOf();
  if (features.size === 0) return lexicon;
  const p = models.answer.probabilities(features);
  const [answer] = best(ANSWER_KINDS, (k) => {
    return (1 - share) * (p[models.answer.labels.indexOf(k)] ?? 0) + (k === lexicon.answer ? share : 0);
  });
  if (answer === lexicon.answer) return lexicon;
  return { ...lexicon, answer, evidence: modelEvidence(models.answer, answer, features) };
}
