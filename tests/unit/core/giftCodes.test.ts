import { describe, expect, it } from 'vitest';
import { findGiftCodes, foldWidth } from '../../../src/core/giftCodes.ts';

// The code written by itself, as the user typed it, and its normalized form.
const CODE = 'AQ3X7RTK9PM2ZQW';

describe('findGiftCodes finds a code wherever it sits and maps it back to the original text', () => {
  it.each([
    { name: 'hyphenated 4-6-5', before: '', code: 'AQ3X-7RTK9P-M2ZQW', after: '' },
    { name: 'in one run', before: '', code: 'AQ3X7RTK9PM2ZQW', after: '' },
    { name: 'lower case', before: '', code: 'aq3x-7rtk9p-m2zqw', after: '' },
    { name: 'full-width', before: '', code: 'ＡＱ３Ｘ－７ＲＴＫ９Ｐ－Ｍ２ＺＱＷ', after: '' },
    {
      name: 'full-width lower case in one run',
      before: '',
      code: 'ａｑ３ｘ７ｒｔｋ９ｐｍ２ｚｑｗ',
      after: '',
    },
    { name: 'long-vowel marks as hyphens', before: '', code: 'AQ3Xー7RTK9PーM2ZQW', after: '' },
    { name: 'minus signs', before: '', code: 'AQ3X−7RTK9P−M2ZQW', after: '' },
    { name: 'en and em dashes', before: '', code: 'AQ3X–7RTK9P—M2ZQW', after: '' },
    { name: 'typographic hyphens', before: '', code: 'AQ3X‐7RTK9P‐M2ZQW', after: '' },
    { name: 'half-width long-vowel marks', before: '', code: 'AQ3Xｰ7RTK9PｰM2ZQW', after: '' },
    { name: 'split by spaces', before: '', code: 'AQ3X 7RTK9P M2ZQW', after: '' },
    { name: 'split by full-width spaces', before: '', code: 'AQ3X　7RTK9P　M2ZQW', after: '' },
    { name: 'spaces around hyphens', before: '', code: 'AQ3X - 7RTK9P - M2ZQW', after: '' },
    { name: 'inside a Japanese sentence', before: 'コードは', code: 'AQ3X-7RTK9P-M2ZQW', after: 'です' },
    {
      name: 'after a Japanese colon',
      before: 'ギフト券番号：',
      code: 'AQ3X7RTK9PM2ZQW',
      after: 'が使えません',
    },
    { name: 'split by spaces in a sentence', before: '番号は ', code: 'AQ3X 7RTK9P M2ZQW', after: ' です' },
    { name: 'after English words', before: 'my code is ', code: 'AQ3X 7RTK9P M2ZQW', after: ' thanks' },
    { name: 'before an amount', before: '', code: 'AQ3X 7RTK9P M2ZQW', after: ' 5000円分' },
    { name: 'in brackets', before: '「', code: 'AQ3X-7RTK9P-M2ZQW', after: '」を入れたらエラー' },
  ])('$name', ({ before, code, after }) => {
    const text = `${before}${code}${after}`;
    const found = findGiftCodes(text);
    expect(found).toHaveLength(1);
    const [finding] = found;
    expect(finding?.start).toBe(before.length);
    expect(finding?.end).toBe(before.length + code.length);
    expect(text.slice(finding?.start, finding?.end)).toBe(code);
    expect(finding?.normalized).toBe(CODE);
    expect(finding?.plausibleLength).toBe(true);
  });

  it.each([
    { name: '14 letters and digits (4-6-4)', code: 'HK7Q-PX2M4N-T8WR', normalized: 'HK7QPX2M4NT8WR' },
    { name: '16 letters and digits (4-4-4-4)', code: 'HK7Q-PX2M-4NT8-WRZ5', normalized: 'HK7QPX2M4NT8WRZ5' },
    { name: 'letters-only group split by spaces', code: 'ACDE 7RTK9P M2ZQW', normalized: 'ACDE7RTK9PM2ZQW' },
  ])('accepts $name', ({ code, normalized }) => {
    expect(findGiftCodes(code).map((f) => [f.normalized, f.plausibleLength])).toEqual([[normalized, true]]);
  });

  it('finds two codes in one message, in order', () => {
    const text = '1枚目AQ3X-7RTK9P-M2ZQW、2枚目は HK7Q-PX2M4N-T8WRZ です';
    const found = findGiftCodes(text);
    expect(found.map((f) => f.normalized)).toEqual(['AQ3X7RTK9PM2ZQW', 'HK7QPX2M4NT8WRZ']);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['AQ3X-7RTK9P-M2ZQW', 'HK7Q-PX2M4N-T8WRZ']);
  });

  it('finds two space-joined codes separately rather than one long run', () => {
    const found = findGiftCodes('AQ3X-7RTK9P-M2ZQW BX4K-99ZZPQ-KLM3N');
    expect(found.map((f) => f.normalized)).toEqual(['AQ3X7RTK9PM2ZQW', 'BX4K99ZZPQKLM3N']);
  });

  it('prefers the whole code to an ordinary word glued to it by a space', () => {
    const found = findGiftCodes('please check abcd 7rtk9p m2zqw');
    expect(found.map((f) => f.normalized)).toEqual(['ABCD7RTK9PM2ZQW']);
  });
});

describe('findGiftCodes reports a mistyped near-code with plausibleLength false', () => {
  it.each([
    { name: 'one group too short (13)', text: 'AQ3X-7RTK9P-M2Z', normalized: 'AQ3X7RTK9PM2Z' },
    { name: '12 in one run', text: 'コードAQ3X7RTK9PM2です', normalized: 'AQ3X7RTK9PM2' },
    { name: 'one group too long (17)', text: 'AQ3X-7RTK9PP-M2ZQWX', normalized: 'AQ3X7RTK9PPM2ZQWX' },
    { name: '18 characters', text: 'AQ3X-7RTK9P-M2ZQWXYZ', normalized: 'AQ3X7RTK9PM2ZQWXYZ' },
  ])('$name', ({ text, normalized }) => {
    expect(findGiftCodes(text).map((f) => [f.normalized, f.plausibleLength])).toEqual([[normalized, false]]);
  });
});

describe('findGiftCodes leaves alone what is not a code', () => {
  it.each([
    { name: 'an order number', text: '注文番号は250-1234567-1234567です' },
    { name: 'a digital order number', text: '注文番号 D01-1234567-1234567' },
    { name: 'a mobile phone number', text: '電話は090-1234-5678です' },
    { name: 'a 16-digit card number (redact treats it)', text: '4111111111111111' },
    { name: 'a 15-digit number', text: '123456789012345' },
    { name: 'fifteen letters without a digit', text: 'ABCDEFGHIJKLMNO' },
    { name: 'ordinary English words', text: 'I cannot redeem my Amazon gift card please help' },
    { name: 'product words and an amount', text: 'Amazon Gift Card 5000円分' },
    { name: 'a product number followed by a price', text: 'B08N5WRWNW 2000円の商品' },
    { name: 'a tracking number', text: '追跡番号TBA123456789012' },
    { name: 'a date and an amount', text: '2024-04-24に5,000円のギフト券を買いました' },
    { name: 'too short', text: 'AQ3X-7RTK9P' },
    { name: 'too long (20 in one run)', text: 'AQ3X7RTK9PM2ZQW12345' },
    { name: 'katakana with long-vowel marks', text: 'ギフトカードのコードーを入力' },
    { name: 'empty text', text: '' },
  ])('$name', ({ text }) => {
    expect(findGiftCodes(text)).toEqual([]);
  });
});

describe('findGiftCodes names the confusable characters present', () => {
  // A base code with none of O 0 I 1 l Z 2 S 5 B 8; each case swaps characters in.
  it.each([
    { code: 'AC3D-7EFG9H-JK4MN', confusables: [] },
    { code: 'AC3D-7EFG9H-JK4MO', confusables: ['O/0'] },
    { code: 'AC3D-7EFG9H-JK4M0', confusables: ['O/0'] },
    { code: 'AC3D-7EFG9H-JK4MI', confusables: ['I/1'] },
    { code: 'AC3D-7EFG9H-JK4M1', confusables: ['I/1'] },
    { code: 'ac3d-7efg9h-jk4ml', confusables: ['I/1'] },
    { code: 'AC3D-7EFG9H-JK4ML', confusables: [] },
    { code: 'AC3D-7EFG9H-JK4MZ', confusables: ['Z/2'] },
    { code: 'AC3D-7EFG9H-JK4M2', confusables: ['Z/2'] },
    { code: 'AC3D-7EFG9H-JK4MS', confusables: ['S/5'] },
    { code: 'AC3D-7EFG9H-JK4M5', confusables: ['S/5'] },
    { code: 'AC3D-7EFG9H-JK4MB', confusables: ['B/8'] },
    { code: 'AC3D-7EFG9H-JK4M8', confusables: ['B/8'] },
    { code: 'ＡＣ３Ｄ－７ＥＦＧ９Ｈ－ＪＫ４ＯＳ', confusables: ['O/0', 'S/5'] },
    { code: 'BC3D-7EFG9H-JK4ZO', confusables: ['O/0', 'Z/2', 'B/8'] },
  ])('$code → $confusables', ({ code, confusables }) => {
    expect(findGiftCodes(code).map((f) => f.confusables)).toEqual([confusables]);
  });
});

describe('findGiftCodes flags full-width writing', () => {
  it.each([
    { text: 'AQ3X-7RTK9P-M2ZQW', fullWidth: false },
    { text: 'ＡＱ３Ｘ－７ＲＴＫ９Ｐ－Ｍ２ＺＱＷ', fullWidth: true },
    { text: 'AQ3X-7RTK9P-M2ZQＷ', fullWidth: true },
    { text: 'ＡＢ AQ3X-7RTK9P-M2ZQW', fullWidth: false },
  ])('$text → $fullWidth', ({ text, fullWidth }) => {
    expect(findGiftCodes(text).map((f) => f.fullWidth)).toEqual([fullWidth]);
  });
});

describe('findGiftCodes on awkward input', () => {
  it('never throws and finds every code in a long noisy text', () => {
    const noise = 'ー－ 　-—abc ＡＢＣ 123 ｰ 。';
    const text = `${noise.repeat(2000)}AQ3X-7RTK9P-M2ZQW${noise.repeat(2000)}`;
    const found = findGiftCodes(text);
    expect(found.map((f) => f.normalized)).toEqual([CODE]);
  });

  it.each(['\uD800', '-'.repeat(10_000), 'A1 '.repeat(5000), 'a'.repeat(100_000)])(
    'does not throw on %#',
    (text) => {
      expect(() => findGiftCodes(text)).not.toThrow();
    },
  );
});

describe('foldWidth', () => {
  it('turns full-width ASCII and ideographic spaces half-width and keeps the length', () => {
    const text = 'ＡＱ３ｘ－＠．　かな漢字ー';
    expect(foldWidth(text)).toBe('AQ3x-@. かな漢字ー');
    expect(foldWidth(text)).toHaveLength(text.length);
  });
});
