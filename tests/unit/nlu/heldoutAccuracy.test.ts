/**
 * The accuracy the NLU honestly reaches on the held-out examples (never used for tuning).
 * Raise these bars when the lexicon improves; never lower them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstanding, type NluUnderstanding } from '../../../src/nlu/createUnderstanding.ts';
import {
  type AnswerMetrics,
  type ComplaintMetrics,
  evaluateAnswers,
  evaluateComplaints,
} from '../../../src/nlu/evaluate.ts';
import { parseDictionaries } from '../../../src/nlu/parseDictionaries.ts';
import { realDictionaryFiles, TODAY } from './realDictionaries.ts';

/**
 * Held-out sets, one file pair each (`*.heldout2.yaml` ... `*.heldout5.yaml`), each written by
 * another author, blind to the lexicons, the training examples and the other sets: the honest
 * measure of how the NLU reads writers it has never seen. (Set 1 was looked at while tuning in
 * session 1 and now trains the NLU as `*.trainH.yaml`.)
 */
const setOf = (source: string) => `set ${/heldout(\d+)\.yaml$/.exec(source)?.[1] ?? '?'}`;
// The bars: what each set scores today. Raise them as the NLU improves; never lower them.
const BARS = {
  'set 2': {
    complaints: 150,
    answers: 60,
    branch: 0.953,
    swapped: 0.008,
    cause: 0.942,
    answer: 0.983,
    yesNo: 0.972,
    wish: 1,
  },
  'set 3': {
    complaints: 120,
    answers: 50,
    branch: 1,
    swapped: 0,
    cause: 0.971,
    answer: 1,
    yesNo: 1,
    wish: 1,
  },
  // Sets 4 and 5 were written from the same data brief as the training authors A-K (its
  // labelling rules and a few sample phrasings), so they are the closer measures; 2 and 3 came
  // from other briefs.
  'set 4': {
    complaints: 150,
    answers: 60,
    branch: 1,
    swapped: 0,
    cause: 1,
    answer: 1,
    yesNo: 1,
    wish: 1,
  },
  'set 5': {
    complaints: 150,
    answers: 60,
    branch: 0.986,
    swapped: 0.02,
    cause: 0.98,
    answer: 0.966,
    yesNo: 0.976,
    wish: 1,
  },
};

const metrics: Record<string, { complaints: ComplaintMetrics; answers: AnswerMetrics }> = {};
const heldoutSets = new Set<string>();
beforeAll(async () => {
  const files = realDictionaryFiles();
  const nlu: NluUnderstanding = await createUnderstanding(files);
  const { complaintExamples, answerExamples } = parseDictionaries(files).dictionaries;
  for (const e of [...complaintExamples, ...answerExamples]) {
    if (e.split === 'heldout') heldoutSets.add(setOf(e.source));
  }
  for (const name of Object.keys(BARS)) {
    const inSet = (e: { split: string; source: string }) => e.split === 'heldout' && setOf(e.source) === name;
    metrics[name] = {
      complaints: evaluateComplaints(
        complaintExamples.filter(inSet),
        (text) => nlu.read(text, TODAY).complaint,
      ),
      answers: evaluateAnswers(answerExamples.filter(inSet), (text) => nlu.read(text, TODAY).answer),
    };
  }
});

it('holds every held-out set to a bar', () => {
  expect([...heldoutSets].sort()).toEqual(Object.keys(BARS).sort());
});

describe.each(Object.entries(BARS))('held-out accuracy, %s', (name, bar) => {
  const m = () => metrics[name] as { complaints: ComplaintMetrics; answers: AnswerMetrics };

  it('has enough examples to mean something', () => {
    expect(m().complaints.total).toBeGreaterThanOrEqual(bar.complaints);
    expect(m().answers.total).toBeGreaterThanOrEqual(bar.answers);
  });

  it('finds the branch, rarely swapping gift card and account', () => {
    expect(m().complaints.branchAccuracy).toBeGreaterThanOrEqual(bar.branch);
    expect(m().complaints.swappedRate).toBeLessThanOrEqual(bar.swapped);
  });

  it('finds the cause', () => {
    expect(m().complaints.causeAccuracy).toBeGreaterThanOrEqual(bar.cause);
  });

  it('reads answers, yes/no, and wishes for a person or a restart', () => {
    expect(m().answers.accuracy).toBeGreaterThanOrEqual(bar.answer);
    expect(m().answers.yesNoAccuracy).toBeGreaterThanOrEqual(bar.yesNo);
    expect(m().answers.wishAccuracy).toBeGreaterThanOrEqual(bar.wish);
  });
});
