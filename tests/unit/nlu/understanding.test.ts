import { beforeAll, describe, expect, it } from 'vitest';
import type { CardType } from '../../../src/core/domain.ts';
import type { Reading } from '../../../src/core/ports.ts';
import { createUnderstanding, type NluUnderstanding } from '../../../src/nlu/createUnderstanding.ts';
import { NluError } from '../../../src/nlu/NluError.ts';
import { MAX_TEXT_LENGTH } from '../../../src/nlu/normalizeText.ts';
import { realDictionaryFiles, TODAY } from './realDictionaries.ts';

let nlu: NluUnderstanding;
beforeAll(async () => {
  nlu = await createUnderstanding(realDictionaryFiles());
});
const read = (text: string): Reading => nlu.read(text, TODAY);

describe('takeover', () => {
  it.each([
    ['アカウントが乗っ取られた', true],
    ['アカウントに不正ログインされた', true],
    ['身に覚えのない注文がある', true],
    ['パスワードが勝手に変わってた', true],
    ['知らない住所に発送されてた', true],
    ['ギフト券が登録できない', false],
    ['買い物したら残高が減った', false],
  ])('%s → %s', (text, takeover) => {
    expect(read(text).takeover).toBe(takeover);
  });
});

describe('off-topic and greetings', () => {
  it.each([
    ['天気教えて', true, false],
    ['iTunesカードが使えない', true, false],
    ['ギフト券の買い方を教えてください', true, false],
    ['死ね', true, false],
    ['こんにちは！', false, true],
    ['おはようございます😊', false, true],
    ['こんにちは。よろしくお願いします', false, true],
    ['こんにちは、ギフト券が使えません', false, false],
    ['はい', false, false],
    ['いいえ', false, false],
    ['ありがとうございます', false, false],
    ['ギフト券の残高が消えた', false, false],
    ['', false, false],
  ])('%s → off-topic %s, greeting only %s', (text, offTopic, greetingOnly) => {
    expect(read(text)).toMatchObject({ offTopic, greetingOnly });
  });
});

describe('card type', () => {
  it.each<[string, CardType | null]>([
    ['Eメールタイプです', 'email'],
    ['メールで届いたギフト券です', 'email'],
    ['カードタイプ', 'card'],
    ['グリーティングカードでもらった', 'card'],
    ['封筒に入ってたやつ', 'card'],
    ['箱に入ってた', 'card'],
    ['シートタイプです', 'sheet'],
    ['コンビニで印刷したものです', 'sheet'],
    ['法人向けのギフト券', 'corporate'],
    ['会社からもらいました', 'corporate'],
    ['わからない', null],
  ])('%s → %s', (text, cardType) => {
    expect(read(text).cardType).toBe(cardType);
  });
});

describe('dates and codes in a reading', () => {
  it('reads the purchase date relative to today', () => {
    expect(read('去年の春にコンビニで買った').date).toEqual({ from: '2023-03-01', to: '2023-05-31' });
  });

  it('finds a pasted code with offsets into the text as given', () => {
    const text = 'コードは ＡＢＣＤ－１２３４５６－ＥＦＧＨ５ です';
    const [code] = read(text).codes;
    expect(code).toMatchObject({ fullWidth: true, normalized: 'ABCD123456EFGH5' });
    expect(text.slice(code?.start, code?.end)).toBe('ＡＢＣＤ－１２３４５６－ＥＦＧＨ５');
  });

  it('never puts a code into the evidence', () => {
    const reading = read('ABCD-123456-EFGH5 を入れたら無効と言われた');
    expect(JSON.stringify(reading.complaint.evidence)).not.toMatch(/ABCD|123456|EFGH/i);
    expect(reading.complaint.branch).toBe('giftcard');
  });
});

describe('bad input', () => {
  const cases: [string, string][] = [
    ['empty text', ''],
    ['only spaces', '   \u3000 '],
    ['100 kB of text', 'ギフト券の残高が消えた。'.repeat(9000)],
    ['100 kB without a break', 'a'.repeat(100_000)],
    ['emoji only', '😀😡🙏🏻👨‍👩‍👧'],
    ['control characters', '\u0000\u0001ギフト券\u0007\u001b[31m\u007f'],
    ['zero-width characters', '\u200B\u200C\u200D\uFEFF\u2060'],
    ['English', 'my gift card balance is gone'],
    ['mixed scripts', 'Amazonギフト券 잔액 баланс 余额 ✓'],
    ['lone surrogates', '\uD800ギフト\uDFFF券'],
    ['several lines', 'ギフト券が\n登録\r\nできない'],
    ['markup', '<script>alert(1)</script>'],
  ];

  it.each(cases)('gives a whole reading for %s', (_name, text) => {
    const reading = read(text);
    expect(reading.complaint.text).toBe(text);
    expect(['giftcard', 'account', 'other', 'unclear']).toContain(reading.complaint.branch);
    expect(reading.complaint.confidence).toBeGreaterThanOrEqual(0);
    expect(reading.complaint.confidence).toBeLessThanOrEqual(1);
    expect(['yes', 'no', 'unsure', 'other']).toContain(reading.answer.answer);
    expect(Array.isArray(reading.codes)).toBe(true);
  });

  it('gives an empty text branch other with confidence 0', () => {
    expect(read('').complaint).toEqual({
      text: '',
      branch: 'other',
      cause: null,
      confidence: 0,
      evidence: [],
    });
  });

  it('reads only the first MAX_TEXT_LENGTH characters', () => {
    const beyond = `${'あ'.repeat(MAX_TEXT_LENGTH)}ギフト券が登録できない`;
    expect(read(beyond).complaint.branch).toBe('other');
    expect(read(`ギフト券が登録できない${'あ'.repeat(MAX_TEXT_LENGTH)}`).complaint.branch).toBe('giftcard');
  });

  it('reads through control and zero-width characters', () => {
    expect(read('ギフト\u200B券が登録\u0007できない').complaint.branch).toBe('giftcard');
  });

  it('survives a value that is not a string at all', () => {
    expect(nlu.read(undefined as unknown as string, TODAY).complaint.branch).toBe('other');
  });
});

describe('createUnderstanding', () => {
  it('rejects invalid dictionaries with the file, path and reason', async () => {
    const files = [
      ...realDictionaryFiles(),
      {
        name: 'dictionaries/zz.yaml',
        text: 'kind: lexicon\nname: topic\nterms:\n  - { term: 雨, scores: { rain: 1 } }\n',
      },
    ];
    const error = await createUnderstanding(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NluError);
    expect(error).toMatchObject({
      code: 'NLU_DICTIONARY_INVALID',
      issues: [expect.objectContaining({ file: 'dictionaries/zz.yaml', path: 'terms[0].scores.rain' })],
    });
  });

  it('rejects two terms that read the same once tokenized', async () => {
    const files = [
      ...realDictionaryFiles(),
      {
        name: 'dictionaries/zz.yaml',
        text: 'kind: lexicon\nname: topic\nterms:\n  - { term: ＨＥＬＬＯ, scores: { greeting: 1 } }\n',
      },
    ];
    const error = await createUnderstanding(files).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'NLU_DICTIONARY_INVALID',
      issues: [
        expect.objectContaining({
          file: 'dictionaries/zz.yaml',
          reason: expect.stringMatching(/reads the same/),
        }),
      ],
    });
  });
});

describe('learned models', () => {
  // A word no lexicon knows, used by new training examples about the account balance only.
  const NEW_WORD_EXAMPLES = {
    name: 'dictionaries/examples/zz.train.yaml',
    text: [
      'kind: complaint-examples',
      'split: train',
      'examples:',
      ...[
        'が減ってる',
        'が変です',
        'がゼロ',
        'のぶんが見当たらない',
        'が勝手に使われた',
        'が足りない',
      ].flatMap((rest, i) => [
        `  - { id: zz-${i}a, branch: account, cause: null, text: "ペケポン${rest}" }`,
        `  - { id: zz-${i}b, branch: account, cause: null, text: "うちのペケポン${rest}んだけど" }`,
      ]),
    ].join('\n'),
  };
  const text = 'ペケポンがおかしいです';

  it('learn from the training examples what the lexicon does not know', async () => {
    const files = [...realDictionaryFiles(), NEW_WORD_EXAMPLES];
    const learned = await createUnderstanding(files);
    const lexiconOnly = await createUnderstanding(files, { learned: false });
    const withoutThem = await createUnderstanding(files, {
      trainOn: (e) => e.split === 'train' && !e.source.endsWith('zz.train.yaml'),
    });
    expect(lexiconOnly.read(text, TODAY).complaint.branch).not.toBe('account');
    expect(withoutThem.read(text, TODAY).complaint.branch).not.toBe('account');
    expect(learned.read(text, TODAY).complaint).toMatchObject({
      branch: 'account',
      evidence: expect.arrayContaining(['ペケポン']),
    });
  });

  it('never learn from held-out examples', async () => {
    const heldout = {
      ...NEW_WORD_EXAMPLES,
      text: NEW_WORD_EXAMPLES.text.replace('split: train', 'split: heldout'),
    };
    const nluWithHeldout = await createUnderstanding([...realDictionaryFiles(), heldout]);
    expect(nluWithHeldout.read(text, TODAY).complaint.branch).not.toBe('account');
  });
});
