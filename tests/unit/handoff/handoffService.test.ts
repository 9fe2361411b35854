import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../../src/handoff/ticket.ts';
import { setup, summary } from './doubles.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('HandoffService: the engine asks for a person', () => {
  it('opens one queued ticket carrying the summary and tells every desk', async () => {
    const { requested, desks, engine, channels } = setup();
    const ticket = await requested('line:U1', { urgent: true, suspectedCause: 'account_hacked' });
    expect(ticket).toEqual({
      id: 'T1',
      conversationId: 'line:U1',
      channel: 'line',
      status: 'queued',
      createdAt: Date.parse('2026-12-01T03:00:00Z'),
      takenAt: null,
      closedAt: null,
      agent: null,
      summary: expect.objectContaining({ urgent: true, suspectedCause: 'account_hacked' }),
      urgent: true,
      rating: null,
      waitNoticeAt: null,
      deskRefs: {},
    });
    for (const desk of desks) expect(desk.events).toEqual([['opened', 'T1', 'queued']]);
    expect(engine.actions).toEqual([]); // within business hours: nobody is told to wait yet
    expect(channels.line.delivered).toEqual([]);
  });

  it('does not open a second ticket while the first is open', async () => {
    const { requested, service, desks, logger } = setup();
    const first = await requested('web:a');
    const again = await requested('web:a');
    expect(again.id).toBe(first.id);
    expect(await service.list()).toHaveLength(1);
    expect(desks[0]?.events).toHaveLength(1);
    expect(logger.lines.join('\n')).toMatch(/asked again while ticket T1 is open/);
  });

  it('opens a new ticket once the previous one is finished', async () => {
    const { requested, service, engine } = setup();
    const first = await requested('web:a');
    await service.take(first.id, '佐藤');
    await service.close(first.id, '佐藤');
    expect(engine.phases.has('web:a')).toBe(false);
    const second = await requested('web:a');
    expect(second.id).toBe('T2');
    expect((await service.list()).map((t) => [t.id, t.status])).toEqual([
      ['T2', 'queued'],
      ['T1', 'closed'],
    ]);
  });

  it.each([
    { at: '2026-12-01T12:00:00Z', why: '21:00 in Japan' },
    { at: '2026-11-30T23:30:00Z', why: '08:30 in Japan' },
  ])(
    'outside business hours ($why) tells the user at once, on their channel, and keeps the ticket queued',
    async ({ at }) => {
      const { requested, clock, engine, channels, tickets } = setup();
      clock.set(at);
      const ticket = await requested('web:late');
      expect(engine.actions).toEqual([
        { conversationId: 'web:late', action: { type: 'handoff.timeout', reason: 'outside_hours' } },
      ]);
      expect(channels.web.delivered).toEqual([{ conversationId: 'web:late', texts: ['対応時間外です。'] }]);
      expect(await tickets.get(ticket.id)).toMatchObject({ status: 'queued', waitNoticeAt: Date.parse(at) });
    },
  );

  it('with no business hours set never tells the user it is closed', async () => {
    const { requested, clock, engine } = setup({ businessHours: null });
    clock.set('2026-12-01T18:00:00Z'); // 03:00 in Japan
    await requested('web:night');
    expect(engine.actions).toEqual([]);
  });
});

describe('HandoffService: the user while a ticket is open', () => {
  it('passes the user message to every desk, masked', async () => {
    const { requested, engine, service, desks } = setup();
    const ticket = await requested('slack:T1:U1');
    const text = 'コードは AQ12-BC34D5-EF6GH です';
    await engine.userTurn('slack:T1:U1', {
      type: 'handoff.user_message',
      conversationId: 'slack:T1:U1',
      text,
      summary: summary(),
    });
    await service.idle();
    for (const desk of desks) {
      expect(desk.events.at(-1)).toEqual(['message', ticket.id, 'コードは [ギフト券番号] です']);
    }
  });

  it('opens the ticket a lost request left missing when the waiting user writes', async () => {
    const { engine, service, desks, tickets } = setup();
    await engine.userTurn('web:x', {
      type: 'handoff.user_message',
      conversationId: 'web:x',
      text: 'もしもし',
      summary: summary(),
    });
    await service.idle();
    const open = await tickets.openFor('web:x');
    expect(open).toMatchObject({ status: 'queued', conversationId: 'web:x' });
    expect(desks[0]?.events).toEqual([
      ['opened', open?.id, 'queued'],
      ['message', open?.id, 'もしもし'],
    ]);
  });

  it.each(['queued', 'active'] as const)('cancels the %s ticket when the user cancels', async (status) => {
    const { requested, engine, service, clock, desks, tickets } = setup();
    const ticket = await requested('web:c');
    if (status === 'active') await service.take(ticket.id, '佐藤');
    clock.advance(60);
    await engine.userTurn('web:c', { type: 'handoff.cancelled', conversationId: 'web:c' });
    await service.idle();
    expect(await tickets.get(ticket.id)).toMatchObject({
      status: 'cancelled',
      closedAt: Date.parse('2026-12-01T03:01:00Z'),
    });
    expect(desks[1]?.events.at(-1)?.[2]).toMatch(/^cancelled/);
  });

  it('stores the rating on the newest closed ticket of the conversation only', async () => {
    const { requested, engine, service, desks, tickets } = setup();
    const old = await requested('web:r');
    await service.take(old.id, '佐藤');
    await service.close(old.id, '佐藤');
    const other = await requested('web:other');
    await service.take(other.id, '鈴木');
    await service.close(other.id, '鈴木');
    const newer = await requested('web:r');
    await service.take(newer.id, '佐藤');
    await service.close(newer.id, '佐藤');
    await engine.userTurn('web:r', { type: 'handoff.rated', conversationId: 'web:r', rating: 4 });
    await service.idle();
    expect((await tickets.list()).map((t) => [t.id, t.rating])).toEqual([
      ['T3', 4],
      ['T2', null],
      ['T1', null],
    ]);
    expect(desks[0]?.events.at(-1)).toEqual(['changed', 'T3', 'closed 佐藤 4']);
  });

  it.each([0, 6, 3.5, Number.NaN])('ignores a rating of %s', async (rating) => {
    const { requested, engine, service, tickets, logger } = setup();
    const ticket = await requested('web:r');
    await service.take(ticket.id, '佐藤');
    await service.close(ticket.id, '佐藤');
    await engine.userTurn('web:r', { type: 'handoff.rated', conversationId: 'web:r', rating });
    await service.idle();
    expect((await tickets.get(ticket.id))?.rating).toBeNull();
    expect(logger.lines.join('\n')).toMatch(/not 1 to 5/);
  });

  it('handles notices without waiting inside the engine turn that sent them (no deadlock with agents)', async () => {
    const { requested, engine, service, desks } = setup();
    const ticket = await requested('web:d');
    const release = engine.hold();
    // The agent's take holds the service's queue and waits for the engine; the user's turn holds the
    // engine's queue and tells the service. Both must finish.
    const take = service.take(ticket.id, '佐藤');
    const turn = engine.userTurn('web:d', {
      type: 'handoff.user_message',
      conversationId: 'web:d',
      text: 'まだですか',
      summary: summary(),
    });
    release();
    await Promise.all([take, turn]);
    await service.idle();
    expect(desks[0]?.events.slice(1)).toEqual([
      ['changed', ticket.id, 'active 佐藤 -'],
      ['message', ticket.id, 'まだですか'],
    ]);
  });
});

describe('HandoffService: where desks keep a ticket', () => {
  it('stores each desk ref, even when set from inside ticketOpened, and keeps them through changes', async () => {
    const { service, engine, tickets } = setup();
    const refs = ['slack', 'console'].map((name) => ({
      name,
      ticketOpened: (t: Ticket) => service.setDeskRef(t.id, name, `${name}-ref`).then(() => {}),
      ticketChanged: async () => {},
      userMessage: async () => {},
    }));
    for (const desk of refs) service.addDesk(desk);
    await engine.userTurn('web:refs', {
      type: 'handoff.requested',
      conversationId: 'web:refs',
      summary: summary(),
    });
    await service.idle();
    const [ticket] = await tickets.list();
    expect(ticket?.deskRefs).toEqual({ slack: 'slack-ref', console: 'console-ref' });
    await service.take(ticket?.id ?? '', '佐藤');
    expect((await tickets.get(ticket?.id ?? ''))?.deskRefs).toEqual({
      slack: 'slack-ref',
      console: 'console-ref',
    });
    expect(await service.setDeskRef('T404', 'slack', 'x')).toBeNull();
  });
});

describe('HandoffService: the waiting clock', () => {
  it('tells a user waiting past the queue timeout once, and keeps the ticket queued', async () => {
    const { requested, service, clock, engine, channels, tickets } = setup();
    const ticket = await requested('line:U9');
    clock.advance(299);
    await service.checkWaiting();
    expect(engine.actions).toEqual([]);
    clock.advance(1);
    await service.checkWaiting();
    await service.checkWaiting();
    expect(engine.actions).toEqual([
      { conversationId: 'line:U9', action: { type: 'handoff.timeout', reason: 'no_agent' } },
    ]);
    expect(channels.line.delivered).toEqual([{ conversationId: 'line:U9', texts: ['お待たせしています。'] }]);
    expect(await tickets.get(ticket.id)).toMatchObject({
      status: 'queued',
      waitNoticeAt: Date.parse('2026-12-01T03:05:00Z'),
    });
    expect(await service.list(['queued'])).toHaveLength(1);
  });

  it('leaves taken and finished tickets alone', async () => {
    const { requested, service, clock, engine } = setup();
    const taken = await requested('web:1');
    const closed = await requested('web:2');
    await service.take(taken.id, '佐藤');
    await service.take(closed.id, '鈴木');
    await service.close(closed.id, '鈴木');
    const before = engine.actions.length;
    clock.advance(3600);
    await service.checkWaiting();
    expect(engine.actions.length).toBe(before);
  });

  it('tells a user whose hours ran out while queued that it is outside hours', async () => {
    const { requested, service, clock, engine } = setup();
    clock.set('2026-12-01T08:58:00Z'); // 17:58 in Japan
    await requested('web:q');
    clock.set('2026-12-01T09:00:00Z'); // 18:00: closed, before the queue timeout
    await service.checkWaiting();
    expect(engine.actions.map((a) => a.action)).toEqual([
      { type: 'handoff.timeout', reason: 'outside_hours' },
    ]);
  });

  it('marks the notice even when the conversation no longer waits, so it does not ask again', async () => {
    const { requested, service, clock, engine, tickets, logger } = setup();
    const ticket = await requested('web:gone');
    engine.phases.delete('web:gone');
    clock.advance(600);
    await service.checkWaiting();
    await service.checkWaiting();
    expect(engine.actions).toHaveLength(1);
    expect(await tickets.get(ticket.id)).toMatchObject({
      status: 'queued',
      waitNoticeAt: expect.any(Number),
    });
    expect(logger.lines.join('\n')).toMatch(/did not take no_agent/);
  });

  it('runs the check on its clock after start() and no more after stop()', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { requested, service, clock, engine } = setup({ checkIntervalMs: 1000 });
    await requested('web:t1');
    clock.advance(400);
    service.start();
    await vi.advanceTimersByTimeAsync(1000);
    await service.idle();
    expect(engine.actions).toHaveLength(1);
    await service.stop();
    await requested('web:t2');
    clock.advance(400);
    await vi.advanceTimersByTimeAsync(5000);
    await service.idle();
    expect(engine.actions).toHaveLength(1);
    await service.checkWaiting();
    expect(engine.actions).toHaveLength(2);
  });
});

describe('HandoffService: failures of desks and channels', () => {
  it('keeps the ticket and tells the other desks when one desk is down', async () => {
    const { requested, service, desks, logger } = setup();
    if (desks[1]) desks[1].failing = true;
    const ticket = await requested('web:f');
    expect(await service.get(ticket.id)).not.toBeNull();
    expect(desks[0]?.events).toEqual([['opened', ticket.id, 'queued']]);
    expect(logger.lines.join('\n')).toMatch(/desk slack failed on ticketOpened: slack is down/);
  });

  it('keeps the ticket, the action and the message when the user channel is down', async () => {
    const { requested, service, channels, store, logger } = setup();
    const ticket = await requested('web:down');
    channels.web.failing = true;
    expect((await service.take(ticket.id, '佐藤')).ok).toBe(true);
    expect(await service.reply(ticket.id, '佐藤', '確認しますね')).toMatchObject({ ok: true });
    expect((await service.get(ticket.id))?.status).toBe('active');
    expect((await store.history('web:down')).map((m) => m.text)).toContain('確認しますね');
    expect(logger.lines.filter((l) => l.includes('delivery to web:down failed'))).toHaveLength(2);
  });

  it('goes on when a conversation has no channel to reach it', async () => {
    const { requested, service, logger } = setup({ channels: [] });
    const web = await requested('web:nochannel');
    const terminal = await requested('terminal:me');
    expect((await service.take(web.id, '佐藤')).ok).toBe(true);
    expect((await service.take(terminal.id, '佐藤')).ok).toBe(true);
    expect(logger.lines).toEqual(['warn handoff: no web channel to reach web:nochannel']);
  });
});
