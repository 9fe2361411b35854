import { describe, expect, it } from 'vitest';
import { toLineMessages } from '../../../src/channels/line.ts';
import type { Reply } from '../../../src/core/ports.ts';
import { truncate } from '../../../src/core/truncate.ts';

const reply = (text: string, ...ids: string[]): Reply => ({
  text,
  options: ids.map((id) => ({ id, label: `ラベル${id}` })),
});

describe('toLineMessages', () => {
  it('gives one text message per reply, options as postback quick replies carrying the option id', () => {
    const messages = toLineMessages([reply('はじめに'), reply('お手元にありますか？', 'yes', 'no')]);
    expect(messages).toEqual([
      { type: 'text', text: 'はじめに' },
      {
        type: 'text',
        text: 'お手元にありますか？',
        quickReply: {
          items: [
            {
              type: 'action',
              action: { type: 'postback', label: 'ラベルyes', data: 'yes', displayText: 'ラベルyes' },
            },
            {
              type: 'action',
              action: { type: 'postback', label: 'ラベルno', data: 'no', displayText: 'ラベルno' },
            },
          ],
        },
      },
    ]);
  });

  it.each([1, 5, 6, 9])('sends %i replies in at most five messages, losing no text', (count) => {
    const replies = Array.from({ length: count }, (_, i) =>
      reply(`文${i}`, ...(i === count - 1 ? ['last'] : [])),
    );
    const messages = toLineMessages(replies);
    expect(messages.length).toBe(Math.min(count, 5));
    const all = messages.map((m) => m.text).join('\n');
    for (const r of replies) expect(all).toContain(r.text);
    expect(messages.at(-1)?.quickReply?.items?.[0]?.action).toMatchObject({ data: 'last' });
  });

  it('keeps a quick reply label within 20 characters but shows the whole label as the displayed text', () => {
    const label = 'ギフトカードの番号を入力したらエラーになった';
    const [message] = toLineMessages([{ text: '選んでください', options: [{ id: 'input_error', label }] }]);
    const action = message?.quickReply?.items?.[0]?.action as {
      label: string;
      displayText: string;
      data: string;
    };
    expect(action.label.length).toBeLessThanOrEqual(20);
    expect(label.startsWith(action.label.slice(0, -1))).toBe(true);
    expect(action.displayText).toBe(label);
    expect(action.data).toBe('input_error');
  });

  it('keeps within LINE limits: 5000 per text, 13 quick replies', () => {
    const [message] = toLineMessages([
      {
        text: 'あ'.repeat(6000),
        options: Array.from({ length: 20 }, (_, i) => ({ id: `o${i}`, label: `${i}` })),
      },
    ]);
    expect(message?.text.length).toBeLessThanOrEqual(5000);
    expect(message?.quickReply?.items).toHaveLength(13);
  });

  it('sends nothing for nothing', () => {
    expect(toLineMessages([])).toEqual([]);
    expect(toLineMessages([reply('')])).toEqual([]);
  });
});

describe('truncate (LINE)', () => {
  it.each([
    { text: 'はい', max: 20, out: 'はい' },
    { text: '😀'.repeat(11), max: 20, out: `${'😀'.repeat(9)}…` },
  ])('cuts "$text" to at most $max units without splitting a character', ({ text, max, out }) => {
    expect(truncate(text, max)).toBe(out);
  });
});
