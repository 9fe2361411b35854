import { describe, expect, it } from 'vitest';
import type { HandoffRefusal } from '../../../src/handoff/handoffService.ts';
import {
  BUTTONS_BY_STATUS,
  changeNote,
  HANDOFF_ACTION_IDS,
  parseHandoffAction,
  parseTicketBlockId,
  ratingLabel,
  refusalText,
  ticketMessage,
  userMessageBlocks,
} from '../../../src/handoff/slackAgentBlocks.ts';
import type { Ticket, TicketStatus } from '../../../src/handoff/ticket.ts';
import { makeTicket } from '../../helpers/makeTicket.ts';

type Block = {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Record<string, unknown>>;
};
const blocks = (t: Ticket) => ticketMessage(t).blocks as Block[];
const buttons = (t: Ticket) =>
  blocks(t)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
const fields = (t: Ticket) =>
  blocks(t)
    .flatMap((b) => b.fields ?? [])
    .map((f) => f.text)
    .join('\n');

describe('ticketMessage', () => {
  it.each<{ status: TicketStatus; labels: string[] }>([
    { status: 'queued', labels: ['担当する', '解決', 'ボットに戻す'] },
    { status: 'active', labels: ['解決', 'ボットに戻す'] },
    { status: 'closed', labels: [] },
    { status: 'returned', labels: [] },
    { status: 'cancelled', labels: [] },
  ])('offers $labels on a $status ticket, each carrying the ticket id', ({ status, labels }) => {
    const shown = buttons(makeTicket({ status, agent: status === 'queued' ? null : '田中' }));
    expect(shown.map((b) => (b.text as { text: string }).text)).toEqual(labels);
    expect(shown.every((b) => b.value === 'tk_01')).toBe(true);
    expect(shown.map((b) => b.action_id)).toEqual(
      BUTTONS_BY_STATUS[status].map((k) => HANDOFF_ACTION_IDS[k]),
    );
  });

  it('asks for confirmation before closing or returning, never before taking', () => {
    const confirms = buttons(makeTicket()).map((b) => [b.action_id, 'confirm' in b]);
    expect(confirms).toEqual([
      ['handoff:take', false],
      ['handoff:close', true],
      ['handoff:return', true],
    ]);
  });

  it.each([
    { urgent: true, header: /^🚨/, notification: /^🚨/ },
    { urgent: false, header: /^(?!🚨)/, notification: /^(?!🚨)/ },
  ])(
    'marks an urgent ticket with 🚨 in the header and the notification: $urgent',
    ({ urgent, header, notification }) => {
      const t = makeTicket({ urgent, summary: { ...makeTicket().summary, urgent } });
      expect(blocks(t)[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(header) } });
      expect(ticketMessage(t).text).toMatch(notification);
    },
  );

  it('shows the branch, the first complaint, each check with its answer and the suspected cause', () => {
    const summary = blocks(makeTicket()).find((b) => b.block_id === 'ticket:tk_01');
    expect(summary?.text?.type).toBe('plain_text');
    expect(summary?.text?.text.split('\n')).toEqual([
      '相談の種類: ギフト券番号の登録',
      '最初のご相談: ギフト券の登録でエラーが出ます',
      '確認: 有効期限切れ → 期限内',
      '考えられる原因: 転売・買取サイト等からの入手',
    ]);
  });

  it.each([
    { status: 'queued' as const, agent: null, shows: '担当者を待っています' },
    { status: 'active' as const, agent: '田中', shows: '対応中(担当: 田中)' },
    { status: 'closed' as const, agent: '田中', shows: '解決済み(担当: 田中)' },
    { status: 'returned' as const, agent: '田中', shows: 'ボットに戻しました' },
    { status: 'cancelled' as const, agent: null, shows: 'お客さまが取り下げました' },
  ])('states a $status ticket as "$shows"', ({ status, agent, shows }) => {
    expect(fields(makeTicket({ status, agent }))).toContain(shows);
    expect(ticketMessage(makeTicket({ status, agent })).text).toContain(shows);
  });

  it("names the user's channel and the time it came in, in each reader's time zone", () => {
    expect(fields(makeTicket())).toContain('LINE');
    expect(fields(makeTicket())).toMatch(
      /<!date\^1796094000\^\{date_short_pretty\} \{time\}\|2026-12-01 03:00 UTC>/,
    );
  });

  it('shows the rating only once the user gave one', () => {
    expect(fields(makeTicket({ status: 'closed', agent: '田中' }))).not.toContain('評価');
    expect(fields(makeTicket({ status: 'closed', agent: '田中', rating: 4 }))).toContain('★★★★☆ (4/5)');
  });

  it('never lets what a user or an agent wrote become markup, a mention or a link', () => {
    const t = makeTicket({
      status: 'active',
      agent: '*bold* <!channel>',
      summary: { ...makeTicket().summary, complaint: '<@U999> &lt; <!here> *太字*' },
    });
    const m = ticketMessage(t);
    expect(m.text).not.toMatch(/<[@!]/);
    expect(fields(t)).not.toMatch(/<!channel>/);
    // The summary is plain_text: Slack shows it as written.
    const summary = (m.blocks as Block[]).find((b) => b.block_id === 'ticket:tk_01');
    expect(summary?.text).toEqual({
      type: 'plain_text',
      text: expect.stringContaining('<@U999> &lt; <!here>'),
    });
  });

  it("keeps a very long complaint within Slack's 3000-character section limit", () => {
    const t = makeTicket({ summary: { ...makeTicket().summary, complaint: 'あ'.repeat(5000) } });
    const summary = blocks(t).find((b) => b.block_id === 'ticket:tk_01');
    expect(summary?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(summary?.text?.text.endsWith('…')).toBe(true);
    expect(ticketMessage(t).text.length).toBeLessThan(200);
  });
});

describe('ids carried by the message', () => {
  it.each(['take', 'close', 'return'] as const)('reads back the %s button', (kind) => {
    expect(parseHandoffAction(HANDOFF_ACTION_IDS[kind])).toBe(kind);
  });

  it.each(['handoff:', 'handoff:delete', 'choice:yes', ''])('knows no button %j', (id) => {
    expect(parseHandoffAction(id)).toBeNull();
  });

  it.each([
    { blockId: 'ticket:tk_01', id: 'tk_01' },
    { blockId: 'ticket:', id: null },
    { blockId: 'handoff', id: null },
    { blockId: undefined, id: null },
  ])('reads ticket id $id from block id $blockId', ({ blockId, id }) => {
    expect(parseTicketBlockId(blockId)).toBe(id);
  });
});

describe('thread lines', () => {
  it("quotes the user's message as plain text, escaped in the notification", () => {
    const m = userMessageBlocks('<@U1> まだですか & どうなりましたか');
    expect(m.text).toBe('お客さま: &lt;@U1&gt; まだですか &amp; どうなりましたか');
    expect(m.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'plain_text', text: 'お客さま: <@U1> まだですか & どうなりましたか' },
      },
    ]);
  });

  const active = makeTicket({ status: 'active', agent: '田中' });
  it.each([
    { before: { status: 'queued' as const, rating: null }, after: active, note: /田中さんが担当しました/ },
    {
      before: { status: 'active' as const, rating: null },
      after: makeTicket({ status: 'closed', agent: '田中' }),
      note: /解決にしました/,
    },
    {
      before: { status: 'active' as const, rating: null },
      after: makeTicket({ status: 'returned', agent: '田中' }),
      note: /ボットに戻しました/,
    },
    {
      before: { status: 'queued' as const, rating: null },
      after: makeTicket({ status: 'cancelled' }),
      note: /取り下げました/,
    },
    {
      before: { status: 'closed' as const, rating: null },
      after: makeTicket({ status: 'closed', rating: 2 }),
      note: /★★☆☆☆/,
    },
    { before: { status: 'active' as const, rating: null }, after: active, note: null },
    {
      before: { status: 'closed' as const, rating: 2 },
      after: makeTicket({ status: 'closed', rating: 2 }),
      note: null,
    },
  ])('notes $before.status → $after.status (rating $after.rating) as $note', ({ before, after, note }) => {
    const said = changeNote(before, after);
    if (note === null) expect(said).toBeNull();
    else expect(said).toMatch(note);
  });

  it.each<{ reason: HandoffRefusal; says: string }>([
    { reason: 'unknown_ticket', says: '見つかりません' },
    { reason: 'not_open', says: 'もう終わっています' },
    { reason: 'taken_by_other', says: 'ほかの担当者' },
    { reason: 'not_taken', says: '先に「担当する」' },
    { reason: 'empty_text', says: '送る文がありません' },
    { reason: 'not_accepted', says: '受け付けられません' },
  ])('explains the refusal $reason in words', ({ reason, says }) => {
    expect(refusalText('take', reason)).toContain(says);
    expect(refusalText('reply', reason)).toMatch(/^「お客さまへの返信」はできませんでした/);
  });

  it.each([
    [0, '☆☆☆☆☆ (0/5)'],
    [1, '★☆☆☆☆ (1/5)'],
    [5, '★★★★★ (5/5)'],
  ])('draws rating %i as %s', (rating, label) => {
    expect(ratingLabel(rating)).toBe(label);
  });
});
