import { describe, expect, it } from 'vitest';
import type { HandoffService } from '../../../src/handoff/handoffService.ts';
import { setup } from './doubles.ts';

const at = (iso: string) => Date.parse(iso);

describe('HandoffService: an agent works a ticket', () => {
  it('takes, replies and closes: the ticket follows, the user hears it on their channel, the desks are told', async () => {
    const { requested, service, clock, channels, desks, engine } = setup();
    const ticket = await requested('web:w');
    clock.advance(30);
    expect(await service.take(ticket.id, '佐藤')).toEqual({
      ok: true,
      ticket: { ...ticket, status: 'active', takenAt: at('2026-12-01T03:00:30Z'), agent: '佐藤' },
    });
    clock.advance(30);
    const replied = await service.reply(ticket.id, '佐藤', '  ご注文履歴を確認させてください  ');
    expect(replied).toMatchObject({ ok: true, ticket: { status: 'active' } });
    clock.advance(30);
    expect(await service.close(ticket.id, '佐藤')).toMatchObject({
      ok: true,
      ticket: { status: 'closed', closedAt: at('2026-12-01T03:01:30Z'), agent: '佐藤' },
    });
    expect(engine.actions.map((a) => a.action)).toEqual([
      { type: 'agent.joined', agent: '佐藤' },
      { type: 'agent.message', agent: '佐藤', text: 'ご注文履歴を確認させてください' },
      { type: 'agent.closed', agent: '佐藤' },
    ]);
    expect(channels.web.delivered.map((d) => d.texts)).toEqual([
      ['担当者の佐藤です。'],
      ['ご注文履歴を確認させてください'],
      ['終了しました。', '評価をお願いします。'],
    ]);
    expect(channels.line.delivered).toEqual([]);
    expect(desks[0]?.events).toEqual([
      ['opened', ticket.id, 'queued'],
      ['changed', ticket.id, 'active 佐藤 -'],
      ['changed', ticket.id, 'closed 佐藤 -'],
    ]);
  });

  it.each([undefined, 'next_check', 'intake'])('returns the ticket to the bot at %s', async (to) => {
    const { requested, service, clock, channels, engine } = setup();
    const ticket = await requested('line:U2');
    await service.take(ticket.id, '佐藤');
    clock.advance(10);
    const result = await service.returnToBot(ticket.id, '佐藤', to);
    expect(result).toMatchObject({
      ok: true,
      ticket: { status: 'returned', agent: '佐藤', closedAt: at('2026-12-01T03:00:10Z') },
    });
    expect(engine.actions.at(-1)?.action).toEqual(
      to === undefined
        ? { type: 'agent.returned', agent: '佐藤' }
        : { type: 'agent.returned', agent: '佐藤', to },
    );
    expect(channels.line.delivered.at(-1)?.texts).toEqual([`自動案内に戻ります(${to ?? 'intake'})。`]);
  });

  it('masks codes, passwords and e-mail addresses in the agent text before the engine stores it', async () => {
    const { requested, service, engine, store } = setup();
    const ticket = await requested('web:m');
    await service.take(ticket.id, '佐藤');
    await service.reply(ticket.id, '佐藤', 'AQ12-BC34D5-EF6GH は sato@example.com に送ってください');
    const sent = engine.actions.at(-1)?.action;
    expect(sent).toEqual({
      type: 'agent.message',
      agent: '佐藤',
      text: '[ギフト券番号] は [メールアドレス] に送ってください',
    });
    const stored = (await store.history('web:m')).map((m) => m.text).join('\n');
    expect(stored).not.toMatch(/AQ12|sato@/);
  });

  it('gives the masked conversation history as the transcript, and nothing for an unknown ticket', async () => {
    const { requested, service, store } = setup();
    await store.appendMessages([
      { conversationId: 'web:h', role: 'user', text: '[ギフト券番号] が使えません', at: 1 },
    ]);
    const ticket = await requested('web:h');
    await service.take(ticket.id, '佐藤');
    expect((await service.transcript(ticket.id)).map((m) => [m.role, m.text])).toEqual([
      ['user', '[ギフト券番号] が使えません'],
      ['bot', '担当者の佐藤です。'],
    ]);
    expect(await service.transcript('T404')).toEqual([]);
  });

  it('treats a second take by the same agent as done, without asking the engine again', async () => {
    const { requested, service, engine } = setup();
    const ticket = await requested('web:twice');
    const first = await service.take(ticket.id, '佐藤');
    expect(await service.take(ticket.id, '佐藤')).toEqual(first);
    expect(engine.actions).toHaveLength(1);
  });

  it('lets exactly one of two agents taking at once have the ticket', async () => {
    const { requested, service, engine } = setup();
    const ticket = await requested('web:race');
    const release = engine.hold();
    const both = Promise.all([service.take(ticket.id, '佐藤'), service.take(ticket.id, '鈴木')]);
    release();
    const [sato, suzuki] = await both;
    expect([sato.ok, suzuki.ok]).toEqual([true, false]);
    expect(suzuki).toMatchObject({ reason: 'taken_by_other', ticket: { agent: '佐藤' } });
    expect(engine.actions.map((a) => a.action.type)).toEqual(['agent.joined']);
  });
});

type Step = (s: HandoffService, id: string) => Promise<unknown>;
const take: Step = (s, id) => s.take(id, '佐藤');
const close: Step = (s, id) => s.close(id, '佐藤');

describe('HandoffService: refused actions change nothing', () => {
  it.each<{ name: string; before: Step[]; action: Step; reason: string; silentEngine?: boolean }>([
    {
      name: 'take of a ticket another agent holds',
      before: [take],
      action: (s, id) => s.take(id, '鈴木'),
      reason: 'taken_by_other',
    },
    {
      name: 'reply to a ticket another agent holds',
      before: [take],
      action: (s, id) => s.reply(id, '鈴木', 'はい'),
      reason: 'taken_by_other',
    },
    {
      name: 'close of a ticket another agent holds',
      before: [take],
      action: (s, id) => s.close(id, '鈴木'),
      reason: 'taken_by_other',
    },
    {
      name: 'return of a ticket another agent holds',
      before: [take],
      action: (s, id) => s.returnToBot(id, '鈴木'),
      reason: 'taken_by_other',
    },
    {
      name: 'reply before anyone took it',
      before: [],
      action: (s, id) => s.reply(id, '佐藤', 'はい'),
      reason: 'not_taken',
    },
    { name: 'close before anyone took it', before: [], action: close, reason: 'not_taken' },
    {
      name: 'return before anyone took it',
      before: [],
      action: (s, id) => s.returnToBot(id, '佐藤'),
      reason: 'not_taken',
    },
    {
      name: 'reply of only spaces',
      before: [take],
      action: (s, id) => s.reply(id, '佐藤', ' \n '),
      reason: 'empty_text',
    },
    { name: 'take of a closed ticket', before: [take, close], action: take, reason: 'not_open' },
    {
      name: 'reply to a closed ticket',
      before: [take, close],
      action: (s, id) => s.reply(id, '佐藤', 'はい'),
      reason: 'not_open',
    },
    { name: 'close of a closed ticket', before: [take, close], action: close, reason: 'not_open' },
    {
      name: 'return of a closed ticket',
      before: [take, close],
      action: (s, id) => s.returnToBot(id, '佐藤'),
      reason: 'not_open',
    },
  ])('$name: $reason', async ({ before, action, reason }) => {
    const { requested, service, engine, channels, desks, tickets } = setup();
    const ticket = await requested('web:no');
    for (const step of before) await step(service, ticket.id);
    const snapshot = {
      ticket: await tickets.get(ticket.id),
      actions: engine.actions.length,
      delivered: channels.web.delivered.length,
      events: desks[0]?.events.length,
    };
    const result = await action(service, ticket.id);
    expect(result).toEqual({ ok: false, reason, ticket: snapshot.ticket });
    expect({
      ticket: await tickets.get(ticket.id),
      actions: engine.actions.length,
      delivered: channels.web.delivered.length,
      events: desks[0]?.events.length,
    }).toEqual(snapshot);
  });

  it('refuses when the engine says the conversation is not in that phase', async () => {
    const { requested, service, engine, tickets, channels } = setup();
    const ticket = await requested('web:drift');
    engine.phases.delete('web:drift'); // the conversation left the handoff behind the ticket's back
    const result = await service.take(ticket.id, '佐藤');
    expect(result).toEqual({ ok: false, reason: 'not_accepted', ticket });
    expect(await tickets.get(ticket.id)).toEqual(ticket);
    expect(channels.web.delivered).toEqual([]);
  });

  it.each(['take', 'reply', 'close', 'returnToBot'] as const)(
    '%s of an unknown ticket is refused',
    async (name) => {
      const { service, engine } = setup();
      const result = await service[name]('T404', '佐藤', 'はい');
      expect(result).toEqual({ ok: false, reason: 'unknown_ticket', ticket: null });
      expect(engine.actions).toEqual([]);
    },
  );
});
