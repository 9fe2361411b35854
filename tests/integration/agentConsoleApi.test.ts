/**
 * The console's HTTP API on the real handoff service and engine: the token gate, the queue, a
 * ticket's summary and transcript, each agent action and its refusals, bad input, and the live
 * event stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTION_MASKS } from '../../src/core/redact.ts';
import type { ActionResponse, DetailResponse, ListResponse } from '../../src/handoff/console/consoleWire.ts';
import { AGENT_TOKEN, type Harness, openEvents, startHarness } from '../helpers/agentConsoleHarness.ts';

let h: Harness;
let url: string;
let unconfigured: string;
let n = 0;
const newConversation = () => `web:console-api-${++n}`;

beforeAll(async () => {
  h = await startHarness();
  url = (await h.serve()).url;
  unconfigured = (await h.serve(null)).url;
});
afterAll(async () => {
  await h?.close();
});

async function call(
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: unknown; raw?: string; token?: string | null; base?: string } = {},
) {
  const token = opts.token === undefined ? AGENT_TOKEN : opts.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${opts.base ?? url}/agent/api${path}`, { method, headers, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}
const post = (path: string, body: unknown) => call('POST', path, { body });
const deliveredTo = (conversationId: string) =>
  h.delivered.filter((d) => d.conversationId === conversationId).flatMap((d) => d.replies.map((r) => r.text));

describe('the agent token', () => {
  const routes = [
    ['GET', '/tickets'],
    ['GET', '/tickets/T1'],
    ['POST', '/tickets/T1/take'],
    ['POST', '/tickets/T1/reply'],
    ['GET', '/events'],
    ['GET', '/nowhere'],
  ] as const;

  it.each(routes)('%s %s answers 401 without a token, or with a wrong one', async (method, path) => {
    for (const token of [null, 'not-the-agent-token-at-all']) {
      const answer = await call(method, path, {
        token,
        body: method === 'POST' ? { agent: 'x' } : undefined,
      });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(answer.body).toMatchObject({ error: token === null ? 'missing_token' : 'invalid_token' });
    }
  });

  it('answers 401 saying to set AGENT_TOKEN when none is configured, whatever is sent', async () => {
    for (const token of [null, AGENT_TOKEN, '']) {
      const answer = await call('GET', '/tickets', { token, base: unconfigured });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({
        error: 'not_configured',
        message: expect.stringContaining('AGENT_TOKEN'),
      });
    }
  });

  it('serves the page without a token, with no secret in it and only same-origin scripts', async () => {
    const response = await fetch(`${url}/agent`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toContain(AGENT_TOKEN);
    expect(html).toContain('<script src="/agent/console.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*src="\/agent\/console\.js")/);
    const script = await fetch(`${url}/agent/console.js`);
    expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await script.text()).toContain('sessionStorage');
  });
});

describe('the queue and one ticket', () => {
  it('lists open tickets urgent first, then oldest, with their summaries', async () => {
    const plain = await h.openTicket(newConversation());
    const urgent = await h.openTicket(newConversation(), { urgent: true });
    const { status, body } = await call('GET', '/tickets?status=queued,active');
    expect(status).toBe(200);
    const ids = (body as ListResponse).tickets.map((t) => t.id);
    expect(ids.indexOf(urgent.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(plain.id));
    const listed = (body as ListResponse).tickets.find((t) => t.id === plain.id);
    expect(listed).toMatchObject({
      conversationId: plain.conversationId,
      channel: 'web',
      status: 'queued',
      urgent: false,
      agent: null,
      createdAt: plain.createdAt,
      summary: { branch: 'giftcard', complaint: 'ギフト券を登録しようとしたらエラーになりました' },
    });
    const urgentListed = (body as ListResponse).tickets.find((t) => t.id === urgent.id);
    expect(urgentListed).toMatchObject({
      urgent: true,
      summary: { urgent: true, suspectedCause: 'account_hacked' },
    });
  });

  it.each([
    ['closed only', 'closed', 200],
    ['a status that does not exist', 'queued,lost', 400],
    ['the status given twice', ['queued', 'active'], 400],
  ])('filters by status: %s', async (_name, status, code) => {
    const query = Array.isArray(status) ? status.map((s) => `status=${s}`).join('&') : `status=${status}`;
    const answer = await call('GET', `/tickets?${query}`);
    expect(answer.status).toBe(code);
    if (code === 200)
      expect((answer.body as ListResponse).tickets.every((t) => t.status === status)).toBe(true);
    else expect(answer.body).toMatchObject({ error: 'bad_status' });
  });

  it('opens a ticket with its transcript of user and bot messages', async () => {
    const ticket = await h.openTicket(newConversation());
    const { status, body } = await call('GET', `/tickets/${ticket.id}`);
    expect(status).toBe(200);
    const detail = body as DetailResponse;
    expect(detail.ticket.id).toBe(ticket.id);
    expect(detail.transcript[0]).toMatchObject({
      role: 'user',
      text: 'ギフト券を登録しようとしたらエラーになりました',
    });
    expect(new Set(detail.transcript.map((m) => m.role))).toEqual(new Set(['user', 'bot']));
  });

  it('answers 404 for a ticket that does not exist', async () => {
    expect(await call('GET', '/tickets/NOPE')).toMatchObject({
      status: 404,
      body: { error: 'unknown_ticket' },
    });
  });
});

describe('agent actions', () => {
  it('takes a ticket, replies to the user, refuses a second agent, and closes with the rating question', async () => {
    const ticket = await h.openTicket(newConversation());
    const id = ticket.conversationId;

    const taken = await post(`/tickets/${ticket.id}/take`, { agent: '佐藤' });
    expect(taken).toMatchObject({
      status: 200,
      body: { ok: true, ticket: { status: 'active', agent: '佐藤' } },
    });
    expect(deliveredTo(id).join('\n')).toContain('佐藤');

    const other = await post(`/tickets/${ticket.id}/take`, { agent: '鈴木' });
    expect(other).toMatchObject({ status: 409, body: { ok: false, reason: 'taken_by_other' } });
    const otherReply = await post(`/tickets/${ticket.id}/reply`, { agent: '鈴木', text: '代わります' });
    expect(otherReply).toMatchObject({ status: 409, body: { ok: false, reason: 'taken_by_other' } });

    const replied = await post(`/tickets/${ticket.id}/reply`, { agent: '佐藤', text: '履歴を確認しますね' });
    expect(replied).toMatchObject({ status: 200, body: { ok: true } });
    expect(deliveredTo(id).some((t) => t.includes('履歴を確認しますね'))).toBe(true);
    const history = await h.engine.history(id);
    expect(history.at(-1)).toMatchObject({
      role: 'agent',
      text: expect.stringContaining('履歴を確認しますね'),
    });

    const closed = await post(`/tickets/${ticket.id}/close`, { agent: '佐藤' });
    expect(closed).toMatchObject({ status: 200, body: { ok: true, ticket: { status: 'closed' } } });
    const lastDelivery = h.delivered.filter((d) => d.conversationId === id).at(-1);
    expect(lastDelivery?.replies.at(-1)?.options.map((o) => o.id)).toContain('5');

    const late = await post(`/tickets/${ticket.id}/reply`, { agent: '佐藤', text: 'もう一言' });
    expect(late).toMatchObject({
      status: 409,
      body: { ok: false, reason: 'not_open', ticket: { status: 'closed' } },
    });
    const listed = (await call('GET', '/tickets')).body as ListResponse;
    expect(listed.tickets.map((t) => t.id)).not.toContain(ticket.id);
  });

  it('refuses a reply before the ticket is taken', async () => {
    const ticket = await h.openTicket(newConversation());
    const answer = await post(`/tickets/${ticket.id}/reply`, { agent: '佐藤', text: 'こんにちは' });
    expect(answer).toMatchObject({
      status: 409,
      body: { ok: false, reason: 'not_taken', ticket: { status: 'queued' } },
    });
    expect(deliveredTo(ticket.conversationId)).toEqual([]);
  });

  it.each([
    ['intake', 'intake'],
    ['next_check', 'next_check'],
    ['the default state', undefined],
  ])('returns a ticket to the bot at %s, and the bot answers the user again', async (_name, to) => {
    const ticket = await h.openTicket(newConversation());
    const id = ticket.conversationId;
    await post(`/tickets/${ticket.id}/take`, { agent: '佐藤' });
    const silent = await h.engine.handle({ conversationId: id, text: 'まだつながっていますか' });
    expect(silent.replies).toEqual([]);

    const returned = await post(`/tickets/${ticket.id}/return`, { agent: '佐藤', ...(to ? { to } : {}) });
    expect(returned).toMatchObject({ status: 200, body: { ok: true, ticket: { status: 'returned' } } });
    const next = await h.engine.handle({ conversationId: id, text: 'ギフト券の番号が登録できません' });
    expect(next.outcome).not.toBe('handoff');
    expect(next.replies.length).toBeGreaterThan(0);
  });

  it('refuses a return to a state the console does not offer', async () => {
    const ticket = await h.openTicket(newConversation());
    const answer = await post(`/tickets/${ticket.id}/return`, { agent: '佐藤', to: 'handoff' });
    expect(answer).toMatchObject({ status: 400, body: { error: 'bad_return_state' } });
    expect((await h.service.get(ticket.id))?.status).toBe('queued');
  });
});

describe('bad input', () => {
  let ticketId: string;
  beforeAll(async () => {
    ticketId = (await h.openTicket(newConversation())).id;
    await post(`/tickets/${ticketId}/take`, { agent: '佐藤' });
  });

  it.each([
    ['malformed JSON', 'reply', { raw: '{"agent": "佐藤", "text": ' }, 400, 'bad_json'],
    ['a JSON array', 'reply', { raw: '["佐藤"]' }, 400, 'bad_request'],
    ['no body at all', 'take', {}, 400, 'bad_request'],
    ['no agent', 'take', { body: { text: 'x' } }, 400, 'missing_agent'],
    ['an agent that is only spaces', 'close', { body: { agent: '   ' } }, 400, 'missing_agent'],
    ['an agent name too long', 'take', { body: { agent: 'あ'.repeat(61) } }, 400, 'agent_too_long'],
    ['no text', 'reply', { body: { agent: '佐藤' } }, 400, 'missing_text'],
    ['text that is not a string', 'reply', { body: { agent: '佐藤', text: 42 } }, 400, 'missing_text'],
    [
      'text over 2000 characters',
      'reply',
      { body: { agent: '佐藤', text: 'あ'.repeat(2001) } },
      400,
      'text_too_long',
    ],
    [
      'a body over the size limit',
      'reply',
      { body: { agent: '佐藤', text: 'x'.repeat(40_000) } },
      413,
      'too_large',
    ],
  ] as const)('answers %s with a JSON error', async (_name, action, opts, status, error) => {
    const answer = await call('POST', `/tickets/${ticketId}/${action}`, opts);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error, message: expect.any(String) });
    expect((await h.service.get(ticketId))?.status).toBe('active');
  });

  it.each(['take', 'reply', 'close', 'return'])(
    'answers 404 when %s names an unknown ticket',
    async (action) => {
      const answer = await post(`/tickets/UNKNOWN/${action}`, { agent: '佐藤', text: 'こんにちは' });
      expect(answer).toMatchObject({ status: 404, body: { error: 'unknown_ticket' } });
    },
  );

  it('still serves after all of that', async () => {
    expect((await call('GET', `/tickets/${ticketId}`)).status).toBe(200);
  });
});

describe('the live event stream', () => {
  it('refuses a stream without the token', async () => {
    const events = await openEvents(url, 'wrong-token');
    expect(events.status).toBe(401);
  });

  it('streams a new ticket, the user’s masked messages and the agent’s replies', async () => {
    const events = await openEvents(url, AGENT_TOKEN);
    expect(events.status).toBe(200);
    expect(events.contentType).toMatch(/^text\/event-stream/);
    await events.next('ready');

    const conversationId = newConversation();
    const ticket = await h.openTicket(conversationId);
    const opened = await events.next('ticketOpened', (e) => e.ticket.id === ticket.id);
    expect(opened.ticket).toMatchObject({
      conversationId,
      status: 'queued',
      summary: { branch: 'giftcard' },
    });

    await post(`/tickets/${ticket.id}/take`, { agent: '佐藤' });
    const changed = await events.next('ticketChanged', (e) => e.ticket.id === ticket.id);
    expect(changed.ticket).toMatchObject({ status: 'active', agent: '佐藤' });

    await h.engine.handle({ conversationId, text: 'コードは AQ3X-7RTK9P-M2ZQW です' });
    await h.service.idle();
    const said = await events.next('userMessage', (e) => e.ticketId === ticket.id);
    expect(said.text).toContain(REDACTION_MASKS.gift_code);
    expect(said.text).not.toContain('AQ3X');

    const reply = (await post(`/tickets/${ticket.id}/reply`, { agent: '佐藤', text: '確認します' }))
      .body as ActionResponse;
    expect(reply.ok).toBe(true);
    const agentSaid = await events.next('agentMessage', (e) => e.ticketId === ticket.id);
    expect(agentSaid).toMatchObject({ agent: '佐藤', text: expect.stringContaining('確認します') });
    events.close();
  });

  it('forgets a console that went away', async () => {
    const { url: own, console: agentConsole } = await h.serve();
    const events = await openEvents(own, AGENT_TOKEN);
    await events.next('ready');
    expect(agentConsole.listeners).toBe(1);
    events.close();
    await expect.poll(() => agentConsole.listeners).toBe(0);
  });

  it('ends open streams when the server shuts down', async () => {
    const { url: own, server } = await h.serve();
    const events = await openEvents(own, AGENT_TOKEN);
    await events.next('ready');
    await server.close();
    expect(await events.ended()).toBe(true);
  });
});
