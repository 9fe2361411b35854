import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstanding, type NluUnderstanding } from '../../../src/nlu/createUnderstanding.ts';
import { answerFeatures, complaintFeatures, wordOf } from '../../../src/nlu/textFeatures.ts';
import { realDictionaryFiles } from './realDictionaries.ts';

let nlu: NluUnderstanding;
beforeAll(async () => {
  nlu = await createUnderstanding(realDictionaryFiles(), { learned: false });
});
const complaint = (text: string, signals = { oldDate: false, code: false }) => {
  const { normalized, tokens } = nlu.analyse(text);
  return [...complaintFeatures(normalized, tokens, signals).keys()];
};
const answer = (text: string) => {
  const { normalized, tokens } = nlu.analyse(text);
  return [...answerFeatures(normalized, tokens).keys()];
};

describe('complaintFeatures', () => {
  it('keeps content words, marks a negated one, and names the last', () => {
    expect(complaint('ギフト券が登録できない')).toEqual(
      expect.arrayContaining(['w:ギフト', 'w:登録:neg', 'last:できる:neg']),
    );
    expect(complaint('ギフト券を登録できた')).toEqual(expect.arrayContaining(['w:登録', 'last:できる']));
  });

  it('leaves out endings that carry no content (ている)', () => {
    const words = complaint('アカウントの残高が減っている').filter((f) => f.startsWith('w:'));
    expect(words).toEqual(['w:アカウント', 'w:残高', 'w:減る']);
  });

  it('adds the character pairs of the normalised text', () => {
    // ｱﾏｷﾞﾌ is normalised to ギフト券 first.
    expect(complaint('ｱﾏｷﾞﾌ')).toEqual(expect.arrayContaining(['c:ギフ', 'c:フト', 'c:ト券']));
  });

  it('adds what the reading found besides words', () => {
    expect(complaint('ギフト券', { oldDate: true, code: true })).toEqual(
      expect.arrayContaining(['signal:old-date', 'signal:code']),
    );
    expect(complaint('ギフト券')).not.toContain('signal:code');
  });

  it('gives nothing for an empty text', () => {
    expect(complaint('')).toEqual([]);
  });
});

describe('answerFeatures', () => {
  it('keeps every word of a short answer, symbols that carry meaning included', () => {
    expect(answer('うん👍')).toEqual(expect.arrayContaining(['w:うん', 'w:👍']));
    expect(answer('。、')).not.toContain('w:。');
  });
});

describe('wordOf', () => {
  it('turns a word feature back into its lemma and hides the rest', () => {
    expect(wordOf('w:登録できる:neg')).toBe('登録できる');
    expect(wordOf('w:残高')).toBe('残高');
    expect(wordOf('c:残高')).toBeNull();
  });
});
