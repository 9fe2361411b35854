import { describe, expect, it } from 'vitest';
import { kanjiToNumber } from '../../../src/nlu/kanjiNumbers.ts';
import {
  compileRewrites,
  cutText,
  MAX_TEXT_LENGTH,
  normalizeSpelling,
  normalizeText,
} from '../../../src/nlu/normalizeText.ts';

describe('normalizeSpelling', () => {
  it.each([
    ['full-width latin and digits become half-width, lower case', 'ＡＭＡＺＯＮ１２３', 'amazon123'],
    ['half-width katakana becomes full-width', 'ｷﾞﾌﾄ券ﾁｬｰｼﾞ', 'ギフト券チャージ'],
    ['stretched hiragana loses its long-vowel mark', 'はーい', 'はい'],
    ['long-vowel look-alikes after kana become ー once', 'カード〜〜', 'カードー'],
    ['うーん keeps its mark so it does not read as うん', 'うーん', 'うーん'],
    ['a small vowel that repeats the sound is dropped', 'はぁい', 'はい'],
    ['a small vowel of another sound is kept', 'ふぁいる', 'ふぁいる'],
    ['a final small tsu of emphasis is dropped', 'はいっ！', 'はい！'],
    ['a stretched ね is spelled ねえ for the tokenizer to read', 'してねーよ使えねぇ', 'してねえよ使えねえ'],
    ['ASCII question marks become the full-width symbol kuromoji knows', 'ある?', 'ある？'],
    ['kanji numerals before a counter become digits', '三年前に二回', '3年前に2回'],
    ['era years become digits', '平成二十八年', '平成28年'],
    ['the first year of an era is 1', '令和元年', '令和1年'],
    ['positional kanji years become digits', '二〇一六年', '2016年'],
    ['kanji numerals inside words stay', '一緒に十分', '一緒に十分'],
    ['a digit before 万 is left to the reader', '1万円', '1万円'],
    ['zero-width characters are removed', 'ギフト\u200B券\uFEFF', 'ギフト券'],
    ['control characters become spaces', 'a\u0007b\u0000c', 'a b c'],
    ['emoji skin tones and variation selectors are removed', '👍🏻⭕\uFE0F', '👍⭕'],
    ['laughter written as w after Japanese is removed', '押したわｗｗ', '押したわ'],
    ['a w in latin text stays', 'not working www.amazon', 'not working www.amazon'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeSpelling(input)).toBe(expected);
  });
});

describe('kanjiToNumber', () => {
  it.each([
    ['十', 10],
    ['二十八', 28],
    ['百五', 105],
    ['二千十六', 2016],
    ['一万五千', 15000],
    ['二〇一七', 2017],
  ])('reads %s as %i', (kanji, value) => {
    expect(kanjiToNumber(kanji)).toBe(value);
  });

  it('refuses two bare digits inside a unit numeral', () => {
    expect(kanjiToNumber('二三十')).toBeNull();
  });
});

describe('cutText', () => {
  it('keeps texts up to the limit as they are', () => {
    const text = 'あ'.repeat(MAX_TEXT_LENGTH);
    expect(cutText(text)).toBe(text);
  });

  it('cuts longer texts at the limit', () => {
    expect(cutText('あ'.repeat(MAX_TEXT_LENGTH + 50))).toHaveLength(MAX_TEXT_LENGTH);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_TEXT_LENGTH - 1)}😀😀`;
    const cut = cutText(text);
    expect(cut).toHaveLength(MAX_TEXT_LENGTH - 1);
    expect(cut.endsWith('a')).toBe(true);
  });
});

describe('compileRewrites', () => {
  const rewrite = compileRewrites([
    { from: 'アマギフ', to: 'ギフト券' },
    { from: 'ギフトカード', to: 'ギフト券' },
    { from: 'amazon', to: 'アマゾン' },
    { from: 'パスワ', to: 'パスワード' },
  ]);

  it.each([
    ['アマギフが使えない', 'ギフト券が使えない'],
    ['ＡＭＡＺＯＮのギフトカード', 'アマゾンのギフト券'],
    ['Amazonのｱﾏｷﾞﾌ', 'アマゾンのギフト券'],
    ['パスワードを変えた', 'パスワードを変えた'],
    ['パスワを変えた', 'パスワードを変えた'],
  ])('folds %s into %s', (input, expected) => {
    expect(normalizeText(input, rewrite)).toBe(expected);
  });
});
