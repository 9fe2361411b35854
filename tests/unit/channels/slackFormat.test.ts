import { describe, expect, it } from 'vitest';
import {
  chosenBlocks,
  escapeMrkdwn,
  replyBlocks,
  SLACK_CHOICE_PREFIX,
  slackTextToPlain,
} from '../../../src/channels/slackBlocks.ts';
import { truncate } from '../../../src/core/truncate.ts';

const BOT = 'UBOT0001';

describe('slackTextToPlain', () => {
  it.each([
    { markup: `<@${BOT}> 残高が消えました`, plain: '残高が消えました' },
    { markup: `<@${BOT}|madoguchi> 残高が消えました`, plain: '残高が消えました' },
    { markup: '<@UOTHER|tanaka> さんと同じ症状です', plain: 'tanaka さんと同じ症状です' },
    { markup: '<@UOTHER> さんと同じ', plain: 'さんと同じ' },
    { markup: '<#C123|support> で聞きました', plain: '#support で聞きました' },
    { markup: '<!here> 助けて', plain: '助けて' },
    { markup: '<https://www.amazon.co.jp/gc/redeem|登録ページ> で失敗', plain: '登録ページ で失敗' },
    { markup: '<https://example.com/a?b=1&amp;c=2>', plain: 'https://example.com/a?b=1&c=2' },
    { markup: '残高 &lt; 注文額 &amp; 不足', plain: '残高 < 注文額 & 不足' },
    { markup: '&amp;lt; は文字どおり', plain: '&lt; は文字どおり' },
    { markup: 'ＡＢＣＤ－１２３４　全角です', plain: 'ＡＢＣＤ－１２３４　全角です' },
    { markup: `  <@${BOT}>  `, plain: '' },
  ])('reads "$markup" as "$plain"', ({ markup, plain }) => {
    expect(slackTextToPlain(markup, BOT)).toBe(plain);
  });
});

describe('escapeMrkdwn', () => {
  it.each([
    { text: 'a < b > c & d', escaped: 'a &lt; b &gt; c &amp; d' },
    { text: '<@U123>', escaped: '&lt;@U123&gt;' },
    { text: 'そのまま', escaped: 'そのまま' },
  ])('escapes "$text"', ({ text, escaped }) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
    expect(slackTextToPlain(escaped)).toBe(text.trim());
  });
});

describe('replyBlocks', () => {
  it('shows the text as plain text and each option as a button whose value is the option id', () => {
    const blocks = replyBlocks({
      text: '*太字* にならない <b>',
      options: [
        { id: 'yes', label: 'はい' },
        { id: 'no', label: 'いいえ' },
      ],
    });
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'plain_text', text: '*太字* にならない <b>', emoji: true } },
      {
        type: 'actions',
        block_id: 'choices',
        elements: [
          {
            type: 'button',
            action_id: `${SLACK_CHOICE_PREFIX}yes`,
            value: 'yes',
            text: { type: 'plain_text', text: 'はい', emoji: true },
          },
          {
            type: 'button',
            action_id: `${SLACK_CHOICE_PREFIX}no`,
            value: 'no',
            text: { type: 'plain_text', text: 'いいえ', emoji: true },
          },
        ],
      },
    ]);
  });

  it('has no actions block when there is nothing to choose', () => {
    expect(replyBlocks({ text: 'お待ちください', options: [] }).map((b) => b.type)).toEqual(['section']);
  });

  it('keeps within Block Kit limits: 3000 in a section, 75 on a button, 25 buttons', () => {
    const blocks = replyBlocks({
      text: 'あ'.repeat(4000),
      options: Array.from({ length: 30 }, (_, i) => ({ id: `o${i}`, label: 'ボタン'.repeat(40) })),
    });
    const section = blocks[0] as { text: { text: string } };
    const actions = blocks[1] as { elements: Array<{ text: { text: string } }> };
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(section.text.text.endsWith('…')).toBe(true);
    expect(actions.elements).toHaveLength(25);
    for (const e of actions.elements) expect(e.text.text.length).toBeLessThanOrEqual(75);
  });
});

describe('chosenBlocks', () => {
  it('drops the buttons and says what was chosen', () => {
    const original = replyBlocks({ text: '質問', options: [{ id: 'yes', label: 'はい' }] });
    const blocks = chosenBlocks(original, 'はい');
    expect(blocks.map((b) => b.type)).toEqual(['section', 'context']);
    expect(JSON.stringify(blocks.at(-1))).toContain('はい');
  });

  it.each([undefined, null, 'x', 42])('copes with message blocks that are %s', (blocks) => {
    expect(chosenBlocks(blocks, 'いいえ').map((b) => b.type)).toEqual(['context']);
  });
});

describe('truncate', () => {
  it.each([
    { text: 'abc', max: 3, out: 'abc' },
    { text: 'abcd', max: 3, out: 'ab…' },
    { text: '残高が反映されない', max: 5, out: '残高が反…' },
    // A surrogate pair or a joined emoji is never cut in half.
    { text: 'ab😀😀', max: 4, out: 'ab…' },
    { text: '👨‍👩‍👧ab', max: 7, out: '…' },
    // か + a combining voiced mark is one grapheme of two units.
    { text: 'か\u3099アアア', max: 3, out: 'か\u3099…' },
    { text: 'が'.concat('ア'.repeat(5)), max: 4, out: 'がアア…' },
  ])('cuts "$text" to $max units as "$out"', ({ text, max, out }) => {
    const cut = truncate(text, max);
    expect(cut).toBe(out);
    expect(cut.length).toBeLessThanOrEqual(max);
  });
});
