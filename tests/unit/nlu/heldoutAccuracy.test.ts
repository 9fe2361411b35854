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

let complaints: ComplaintMetrics;
let answers: AnswerMetrics;
beforeAll(async () => {
  const files = realDictionaryFiles();
  const nlu: NluUnderstanding = await createUnderstanding(files);
  const { complaintExamples, answerExamples } = parseDictionaries(files).dictionaries;
  complaints = evaluateComplaints(
    complaintExamples.filter((e) => e.split === 'heldout'),
    (text) => nlu.read(text, TODAY).complaint,
  );
  answers = evaluateAnswers(
    answerExamples.filter((e) => e.split === 'heldout'),
    (text) => nlu.read(text, TODAY).answer,
  );
});

describe('held-out accuracy', () => {
  it('has enough held-out examples to mean something', () => {
    expect(complaints.total).toBeGreaterThanOrEqual(130);
    expect(answers.total).toBeGreaterThanOrEqual(60);
  });

  it('finds the branch of at least 94.9% of complaints', () => {
    expect(complaints.branchAccuracy).toBeGreaterThanOrEqual(0.949);
  });

  it('never takes a gift card complaint for an account one or the reverse', () => {
    expect(complaints.swappedRate).toBe(0);
  });

  it('finds the cause of at least 96.8% of complaints that have one', () => {
    expect(complaints.causeAccuracy).toBeGreaterThanOrEqual(0.968);
  });

  it('reads at least 97.1% of answers right, and every yes or no', () => {
    expect(answers.accuracy).toBeGreaterThanOrEqual(0.971);
    expect(answers.yesNoAccuracy).toBe(1);
  });

  it('hears every request for a person or a restart', () => {
    expect(answers.wishAccuracy).toBe(1);
  });
});
