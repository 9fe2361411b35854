import { describe, expect, it } from 'vitest';
import type { HandoffSummary } from '../../../src/core/summary.ts';
import { bearerToken, checkBearer, tokenMatches } from '../../../src/handoff/console/bearerAuth.ts';
import { createSseParser, type SseMessage } from '../../../src/handoff/console/client/sseParser.ts';
import { queueOrder, toWireTicket } from '../../../src/handoff/console/consoleWire.ts';
import type { Ticket } from '../../../src/handoff/ticket.ts';

const TOKEN = 'agent-token-0123456789abcdef';

describe('agent token check', () => {
  it.each([
    ['the right token', `Bearer ${TOKEN}`, TOKEN, null],
    ['any case of the scheme', `bearer ${TOKEN}`, TOKEN, null],
    ['no header', undefined, TOKEN, 'missing_token'],
    ['another scheme', `Basic ${TOKEN}`, TOKEN, 'missing_token'],
    ['a bare token', TOKEN, TOKEN, 'missing_token'],
    ['an empty bearer', 'Bearer ', TOKEN, 'missing_token'],
    ['a wrong token', 'Bearer agent-token-0123456789abcdeX', TOKEN, 'invalid_token'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, 'invalid_token'],
    ['the token with more after it', `Bearer ${TOKEN}x`, TOKEN, 'invalid_token'],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`, TOKEN, 'missing_token'],
    ['no token configured', `Bearer ${TOKEN}`, null, 'not_configured'],
    ['an empty token configured', 'Bearer x', '', 'not_configured'],
  ] as const)('%s', (_name, header, expected, failure) => {
    expect(checkBearer(header, expected)).toBe(failure);
  });

  it('never matches an empty expected token, even with an empty given one', () => {
    expect(tokenMatches('', '')).toBe(false);
  });

  it('reads the token out of the header without the scheme', () => {
    expect(bearerToken(`Bearer   ${TOKEN}  `)).toBe(TOKEN);
  });
});

describe('event stream parser', () => {
  const stream =
    ': comment\r\nretry: 3000\r\n\r\nevent: ready\ndata: {}\n\nid: 7\nevent: userMessage\ndata: {"text":"一行目"}\n\n' +
    'data: a\ndata: b\n\nevent: ticketOpened\ndata:{"id":"T1"}\r\n\r\n';
  const expected: SseMessage[] = [
    { event: 'ready', data: '{}', id: null },
    { event: 'userMessage', data: '{"text":"一行目"}', id: '7' },
    { event: 'message', data: 'a\nb', id: '7' },
    { event: 'ticketOpened', data: '{"id":"T1"}', id: '7' },
  ];

  const parse = (chunks: string[]) => {
    const out: SseMessage[] = [];
    const push = createSseParser((m) => out.push(m));
    for (const chunk of chunks) push(chunk);
    return out;
  };

  it('parses events, comments, ids and multi-line data', () => {
    expect(parse([stream])).toEqual(expected);
  });

  it('gives the same events wherever the chunks are cut', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parse([stream.slice(0, cut), stream.slice(cut)])).toEqual(expected);
    }
  });

  it('gives the same events one character at a time', () => {
    expect(parse([...stream])).toEqual(expected);
  });

  it('holds an event back until its blank line arrives', () => {
    expect(parse(['event: ticketChanged\ndata: {}\n'])).toEqual([]);
  });
});

const summary: HandoffSummary = {
  branch: 'giftcard',
  complaint: 'コードが使えない',
  checks: [{ asks: 'expired', question: '有効期限切れ', answer: 'いいえ' }],
  suspectedCause: 'input_error',
  urgent: false,
};

function ticket(id: string, createdAt: number, urgent = false): Ticket {
  return {
    id,
    conversationId: `web:${id}`,
    channel: 'web',
    status: 'queued',
    createdAt,
    takenAt: null,
    closedAt: null,
    agent: null,
    summary: { ...summary, urgent },
    urgent,
    rating: null,
    waitNoticeAt: null,
    deskRefs: { slack: '1700000000.000100' },
  };
}

describe('queue order and the ticket as agents see it', () => {
  it('puts urgent tickets first, then the longest waiting', () => {
    const tickets = [ticket('a', 300), ticket('b', 100), ticket('c', 400, true), ticket('d', 200, true)];
    expect(tickets.sort(queueOrder).map((t) => t.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('labels the branch and the suspected cause, and leaves the desks bookkeeping out', () => {
    const wire = toWireTicket(ticket('a', 1));
    expect(wire).not.toHaveProperty('deskRefs');
    expect(wire.summary).toMatchObject({
      branchLabel: 'ギフト券番号の登録',
      suspectedCauseLabel: '入力ミス・読み取れない文字',
    });
    const unsettled = toWireTicket({
      ...ticket('b', 1),
      summary: { ...summary, branch: null, suspectedCause: null },
    });
    expect(unsettled.summary).toMatchObject({ branchLabel: '未確定', suspectedCauseLabel: '特定できず' });
  });
});
