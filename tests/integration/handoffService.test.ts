/**
 * The HandoffService on the real engine (real NLU, the repository's flows) and a real SQLite file.
 * The user's channel is a recording double: the real adapters' deliver() is tested with them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnResult } from '../../src/core/ports.ts';
import { createHandoffService, type HandoffService } from '../../src/handoff/handoffService.ts';
import { SqliteTicketStore } from '../../src/handoff/sqliteTicketStore.ts';
import type { Ticket } from '../../src/handoff/ticket.ts';
import { SqliteStore } from '../../src/store/sqliteStore.ts';
import { createTestEngine } from '../helpers/createTestEngine.ts';
import { hours, RecordingChannel, RecordingDesk, recordingLogger } from '../unit/handoff/doubles.ts';

let dir: string;
let clock: Date;
const running: Array<() => Promise<void>> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-handoff-'));
  clock = new Date('2026-12-01T03:00:00Z'); // noon in Japan, inside 09:00-18:00
});

afterEach(async () => {
  for (const shutdown of running.splice(0)) await shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

/** What src/main.ts builds, with recording channels and desk. */
async function boot() {
  let service: HandoffService | null = null;
  const { engine, close, composed } = await createTestEngine({
    dataDir: dir,
    now: () => clock,
    onNotice: (notice) => service?.onNotice(notice),
  });
  if (!(composed.store instanceof SqliteStore)) throw new Error('expected the SQLite store');
  const tickets = SqliteTicketStore.open(composed.store);
  const web = new RecordingChannel('web');
  const line = new RecordingChannel('line');
  const desk = new RecordingDesk('console');
  const logger = recordingLogger();
  const created = createHandoffService({
    engine,
    tickets,
    store: composed.store,
    channels: [web, line],
    queueTimeoutSeconds: 300,
    businessHours: hours('09:00', '18:00'),
    now: () => clock,
    logger,
  });
  service = created;
  created.addDesk(desk);
  let stopped = false;
  const shutdown = async () => {
    if (stopped) return;
    stopped = true;
    await created.stop();
    await close();
  };
  running.push(shutdown);
  /** One user turn, and whatever it told the service, done. */
  const say = async (conversationId: string, text: string): Promise<TurnResult> => {
    const result = await engine.handle({ conversationId, text });
    await created.idle();
    return result;
  };
  return { engine, store: composed.store, service: created, web, line, desk, logger, say, shutdown };
}

type Booted = Awaited<ReturnType<typeof boot>>;

/** Free text all the way: a complaint with a code in it, one check answered, then a person. */
async function reachPerson(app: Booted, id: string): Promise<{ ticket: Ticket; firstAsks: string | null }> {
  const first = await app.say(id, 'ギフト券 AQ12-BC34D5-EF6GH を登録したのに残高が0円です');
  await app.say(id, 'いいえ');
  await app.say(id, '担当者と話したい');
  const handed = await app.say(id, 'はい');
  expect(handed.outcome).toBe('handoff');
  const ticket = (await app.service.list()).find((t) => t.conversationId === id);
  if (!ticket) throw new Error(`no ticket for ${id}`);
  return { ticket, firstAsks: first.asks };
}

describe('handoff on the real engine and SQLite', () => {
  it('takes a web user from free text to an agent and back to a stored rating', async () => {
    const app = await boot();
    const W = 'web:visitor-1';
    const { ticket, firstAsks } = await reachPerson(app, W);
    expect(ticket).toMatchObject({
      channel: 'web',
      status: 'queued',
      urgent: false,
      summary: {
        branch: 'giftcard',
        complaint: expect.stringContaining('[ギフト券番号]'),
        checks: expect.arrayContaining([expect.objectContaining({ asks: firstAsks })]),
      },
    });
    expect(JSON.stringify(await app.service.list())).not.toContain('AQ12');
    expect(app.desk.events).toEqual([['opened', ticket.id, 'queued']]);

    // Queued: the user's words reach the desk.
    expect((await app.say(W, 'まだでしょうか')).outcome).toBe('handoff');
    expect(app.desk.events.at(-1)).toEqual(['message', ticket.id, 'まだでしょうか']);

    expect(await app.service.take(ticket.id, '佐藤')).toMatchObject({
      ok: true,
      ticket: { status: 'active' },
    });
    expect(app.web.delivered.at(-1)?.texts.join('\n')).toContain('佐藤');

    // Active: the bot is silent and the desk hears the user, masked.
    const silent = await app.say(W, '番号は AQ12-BC34D5-EF6GH です');
    expect(silent).toMatchObject({ replies: [], outcome: 'handoff' });
    expect(app.desk.events.at(-1)).toEqual(['message', ticket.id, '番号は [ギフト券番号] です']);

    const before = app.web.delivered.length;
    expect(
      (await app.service.reply(ticket.id, '佐藤', '確認します。sato@example.com は送らないでください')).ok,
    ).toBe(true);
    const delivered = app.web.delivered.slice(before).flatMap((d) => d.texts);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toContain('確認します。');
    expect(delivered[0]).not.toContain('sato@example.com');

    expect(await app.service.close(ticket.id, '佐藤')).toMatchObject({
      ok: true,
      ticket: { status: 'closed' },
    });
    const question = app.web.replies.at(-1)?.at(-1);
    expect(question?.options.map((o) => o.id)).toEqual(expect.arrayContaining(['1', '5']));

    expect((await app.say(W, '4')).outcome).toBe('resolved');
    expect(await app.service.get(ticket.id)).toMatchObject({ status: 'closed', rating: 4 });
    expect(app.desk.events.at(-1)).toEqual(['changed', ticket.id, 'closed 佐藤 4']);

    const transcript = await app.service.transcript(ticket.id);
    expect(transcript.filter((m) => m.role === 'agent').map((m) => m.text)).toEqual([delivered[0]]);
    expect(JSON.stringify(transcript)).not.toMatch(/AQ12|sato@/);
    expect(app.logger.lines).toEqual([]);
  });

  it.each([
    { to: 'intake', resumesAt: (asks: string | null) => asks === 'free_text' },
    // A state the flow does not list as a return target falls back to its first one (intake).
    { to: 'ask_rating', resumesAt: (asks: string | null) => asks === 'free_text' },
    {
      to: 'next_check',
      resumesAt: (asks: string | null) => asks !== null && !['free_text', 'handoff'].includes(asks),
    },
  ])('returns the conversation to the bot at $to, and the bot answers again', async ({ to, resumesAt }) => {
    const app = await boot();
    const W = 'web:visitor-2';
    const { ticket, firstAsks } = await reachPerson(app, W);
    await app.service.take(ticket.id, '佐藤');
    const returned = await app.service.returnToBot(ticket.id, '佐藤', to);
    expect(returned).toMatchObject({ ok: true, ticket: { status: 'returned', closedAt: clock.getTime() } });
    expect(app.web.replies.at(-1)?.length).toBeGreaterThan(0);

    // An empty message makes the bot ask its current question again: that question is the named state's.
    const resumed = await app.engine.handle({ conversationId: W, text: '' });
    expect(resumed.outcome).toBe('open');
    expect(resumed.replies.length).toBeGreaterThan(0);
    expect(resumesAt(resumed.asks)).toBe(true);
    expect(resumed.asks).not.toBe(firstAsks); // the check already answered is not asked again
    const events = app.desk.events.length;
    await app.say(W, 'いいえ');
    expect(app.desk.events).toHaveLength(events); // the bot has it now, not the desk
  });

  it('tells a user nobody took in time, once, keeps the ticket queued, and an agent can still take it', async () => {
    const app = await boot();
    const W = 'web:visitor-4';
    const { ticket } = await reachPerson(app, W);
    const afterHandoff = app.web.delivered.length;
    advance(299);
    await app.service.checkWaiting();
    expect(app.web.delivered).toHaveLength(afterHandoff);
    advance(1);
    await app.service.checkWaiting();
    await app.service.checkWaiting();
    expect(app.web.delivered).toHaveLength(afterHandoff + 1);
    const notice = app.web.delivered.at(-1)?.texts ?? [];
    expect(notice).toHaveLength(1);
    const history = await app.store.history(W);
    expect(history.at(-1)).toMatchObject({ role: 'bot', text: notice[0] });
    expect(await app.service.get(ticket.id)).toMatchObject({
      status: 'queued',
      waitNoticeAt: clock.getTime(),
    });
    expect((await app.service.take(ticket.id, '佐藤')).ok).toBe(true);
  });

  it('outside business hours tells the user at once, and the ticket waits for the morning', async () => {
    clock = new Date('2026-12-01T13:00:00Z'); // 22:00 in Japan
    const app = await boot();
    const W = 'web:visitor-5';
    const { ticket } = await reachPerson(app, W);
    const notice = app.web.delivered.at(-1)?.texts ?? [];
    expect(app.web.delivered).toHaveLength(1);
    expect((await app.store.history(W)).at(-1)).toMatchObject({ role: 'bot', text: notice[0] });
    expect(await app.service.get(ticket.id)).toMatchObject({
      status: 'queued',
      waitNoticeAt: clock.getTime(),
    });
    advance(3600);
    await app.service.checkWaiting();
    expect(app.web.delivered).toHaveLength(1);
    clock = new Date('2026-12-02T00:05:00Z'); // 09:05 the next morning
    expect((await app.service.take(ticket.id, '佐藤')).ok).toBe(true);
  });

  it('loses no ticket and no message over a restart in the middle, and the agent carries on', async () => {
    const first = await boot();
    const L = 'line:U-restart';
    await first.say(L, '身に覚えのない注文があって、ギフト券残高が0円になっていました');
    await first.say(L, 'はい');
    const [ticket] = await first.service.list(['queued']);
    expect(ticket).toMatchObject({ conversationId: L, channel: 'line', urgent: true });
    await first.service.take(ticket?.id ?? '', '佐藤');
    await first.service.reply(ticket?.id ?? '', '佐藤', 'パスワードは変更できましたか?');
    await first.say(L, 'はい、変えました');
    const before = await first.service.transcript(ticket?.id ?? '');
    await first.shutdown();

    advance(60);
    const second = await boot();
    const id = ticket?.id ?? '';
    expect(await second.service.list(['active'])).toEqual([
      expect.objectContaining({ id, agent: '佐藤', urgent: true, summary: ticket?.summary }),
    ]);
    expect(await second.service.transcript(id)).toEqual(before);
    expect(before.map((m) => m.role)).toEqual(expect.arrayContaining(['user', 'bot', 'agent']));

    expect((await second.say(L, '次は何をすればいいですか')).replies).toEqual([]);
    expect(second.desk.events).toEqual([['message', id, '次は何をすればいいですか']]);
    expect((await second.service.reply(id, '佐藤', '注文をキャンセルしてください')).ok).toBe(true);
    expect(second.line.delivered.at(-1)?.texts.join('\n')).toContain('注文をキャンセルしてください');
    expect(second.web.delivered).toEqual([]);
    expect((await second.service.close(id, '佐藤')).ok).toBe(true);
    await second.say(L, '5');
    expect(await second.service.get(id)).toMatchObject({ status: 'closed', rating: 5 });
  });
});
