import { describe, expect, it } from 'vitest';
import { ANSWER_KINDS, BRANCHES, CAUSE_IDS } from '../../../src/core/domain.ts';
import type { AnswerReading, ComplaintReading } from '../../../src/core/ports.ts';
import { blendAnswer, blendComplaint } from '../../../src/nlu/blendReadings.ts';
import { type LearnedReaders, NO_CAUSE } from '../../../src/nlu/learnedReaders.ts';
import { FeatureIndex, type Features, type LinearModel } from '../../../src/nlu/linearModel.ts';

/** A model that always says the same: `probs` by label (the rest share what is left), word weights. */
function fixedModel(
  labels: readonly string[],
  probs: Record<string, number>,
  weights: Record<string, number> = {},
) {
  const named = Object.values(probs).reduce((a, b) => a + b, 0);
  const rest = (1 - named) / Math.max(1, labels.length - Object.keys(probs).length);
  const model: LinearModel = {
    labels,
    probabilities: () => labels.map((l) => probs[l] ?? rest),
    probabilitiesOf: () => labels.map((l) => probs[l] ?? rest),
    weight: (label, feature) => (probs[label] ? (weights[feature] ?? 0) : 0),
  };
  return model;
}

function models(
  branch: Record<string, number>,
  cause: Record<string, number>,
  answer: Record<string, number> = {},
) {
  const readers: LearnedReaders = {
    complaintIndex: new FeatureIndex(),
    branch: fixedModel(BRANCHES, branch, { 'w:残高': 2, 'w:アカウント': 1 }),
    cause: fixedModel([...CAUSE_IDS, NO_CAUSE], cause, { 'w:注文': 2 }),
    answer: fixedModel(ANSWER_KINDS, answer, { 'w:せやで': 3 }),
  };
  return readers;
}

const FEATURES: Features = new Map([
  ['w:残高', 1],
  ['w:注文', 1],
  ['c:残高', 0.3],
]);
const NO_CUES = { hasCode: false, asksBack: false, takeover: false, answerWords: false };
const lexicon = (over: Partial<ComplaintReading>): ComplaintReading => ({
  text: 't',
  branch: 'giftcard',
  cause: null,
  confidence: 0.5,
  evidence: ['登録'],
  ...over,
});

describe('blendComplaint', () => {
  it('keeps the lexicon reading when the model leans the same way or only mildly the other way', () => {
    const r = blendComplaint(
      lexicon({ cause: 'expired' }),
      FEATURES,
      models({ account: 0.5 }, {}),
      0.35,
      NO_CUES,
      { expired: 2 },
    );
    expect(r).toMatchObject({ branch: 'giftcard', cause: 'expired', evidence: ['登録'] });
  });

  it('follows a confident model, with the model words as evidence', () => {
    const r = blendComplaint(
      lexicon({ branch: 'other' }),
      FEATURES,
      models({ account: 0.95 }, { auto_applied: 0.9 }),
      0.35,
      NO_CUES,
      {},
    );
    expect(r.branch).toBe('account');
    expect(r.cause).toBe('auto_applied');
    expect(r.evidence).toEqual(['注文', '残高']);
    expect(r.confidence).toBeCloseTo(0.65 * 0.95, 2);
  });

  it('names only a cause of the branch it settles on', () => {
    // The model likes code_stolen, a gift card cause, but the branch is the account.
    const r = blendComplaint(
      lexicon({ branch: 'account' }),
      FEATURES,
      models({ account: 0.9 }, { code_stolen: 0.8, [NO_CAUSE]: 0.15 }),
      0.35,
      NO_CUES,
      {},
    );
    expect(r.branch).toBe('account');
    expect(r.cause).toBeNull();
  });

  it('lets a strong lexicon cause term outweigh the model, and a weak one give way', () => {
    const m = models({ account: 0.9 }, { fraud_frozen: 0.7, account_hacked: 0.15 });
    const read = lexicon({ branch: 'account', cause: 'account_hacked' });
    expect(blendComplaint(read, FEATURES, m, 0.35, NO_CUES, { account_hacked: 3 }).cause).toBe(
      'account_hacked',
    );
    expect(blendComplaint(read, FEATURES, m, 0.35, NO_CUES, { account_hacked: 1 }).cause).toBe(
      'fraud_frozen',
    );
  });

  it('names a cause the model is sure of where the lexicon named none', () => {
    const m = models({ giftcard: 0.9 }, { input_error: 0.8 });
    expect(blendComplaint(lexicon({}), FEATURES, m, 0.35, NO_CUES, {}).cause).toBe('input_error');
  });

  it('counts "other" from a lexicon that recognised no word only half', () => {
    const m = models({ account: 0.6 }, {});
    const nothingRecognised = lexicon({ branch: 'other', evidence: [] });
    expect(blendComplaint(nothingRecognised, FEATURES, m, 0.35, NO_CUES, {}).branch).toBe('account');
    const offTopicWords = lexicon({ branch: 'other', evidence: ['天気'] });
    expect(blendComplaint(offTopicWords, FEATURES, m, 0.35, NO_CUES, {}).branch).toBe('other');
  });

  it('leaves an empty text and a pasted gift card code to the lexicon', () => {
    const sure = models({ other: 0.99 }, { [NO_CAUSE]: 0.99 });
    const code = lexicon({ cause: 'input_error' });
    expect(blendComplaint(code, FEATURES, sure, 0.35, { ...NO_CUES, hasCode: true }, {})).toBe(code);
    const empty = lexicon({ branch: 'other', confidence: 0, evidence: [] });
    expect(blendComplaint(empty, new Map(), sure, 0.35, NO_CUES, {})).toBe(empty);
  });

  it('is the lexicon alone at share 1 and the model alone at share 0', () => {
    const m = models({ unclear: 0.9 }, {});
    expect(blendComplaint(lexicon({}), FEATURES, m, 1, NO_CUES, {}).branch).toBe('giftcard');
    expect(blendComplaint(lexicon({}), FEATURES, m, 0, NO_CUES, {}).branch).toBe('unclear');
  });
});

describe('blendAnswer', () => {
  const answer = (over: Partial<AnswerReading>): AnswerReading => ({
    answer: 'other',
    wantsHuman: false,
    restart: false,
    evidence: [],
    ...over,
  });
  const said = () => new Map([['w:せやで', 1]]);

  it('follows a confident model and keeps the wishes the lexicon read', () => {
    const r = blendAnswer(answer({ wantsHuman: true }), said, models({}, {}, { yes: 0.9 }), 0.35, NO_CUES);
    expect(r).toEqual({ answer: 'yes', wantsHuman: true, restart: false, evidence: ['せやで'] });
  });

  it('keeps the lexicon answer against a hesitant model', () => {
    const r = blendAnswer(answer({ answer: 'no' }), said, models({}, {}, { yes: 0.6 }), 0.35, NO_CUES);
    expect(r.answer).toBe('no');
  });

  it('leaves to the lexicon an answer whose words it knows, even as no answer (消えました)', () => {
    const statement = answer({});
    const cues = { ...NO_CUES, answerWords: true };
    expect(blendAnswer(statement, said, models({}, {}, { yes: 0.99 }), 0.35, cues)).toBe(statement);
  });

  it('never reads a question back as an answer', () => {
    const back = answer({});
    const r = blendAnswer(back, said, models({}, {}, { yes: 0.99 }), 0.35, { ...NO_CUES, asksBack: true });
    expect(r).toBe(back);
  });
});
