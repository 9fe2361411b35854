/**
 * Issue 5 end to end, the hard parts of waiting: the queue timeout and business hours on an
 * injected clock, and a server restart in the middle of a handoff. The whole app as `npm start`
 * builds it (startApp on SQLite in a temporary DATA_DIR); a web user on a raw socket; agents on
 * Slack (signed requests to a fake Web API) and on the console's HTTP API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { E2E_SETTINGS, type E2eWorld, startE2e } from '../helpers/e2eApp.ts';
import { consoleAgent } from '../helpers/e2eConsoleAgent.ts';
import { lineUser } from '../helpers/e2eLineUser.ts';
import { slackAgentDesk, slackTextOf } from '../helpers/e2eSlackAgent.ts';
import { until } from '../helpers/e2eWait.ts';
import { E2eWebUser } from '../helpers/e2eWebUser.ts';

const CODE = 'AQ3X-7RTK9P-M2ZQW';
const TANAKA = { id: 'U0E2ETANAKA', name: 'tanaka', displayName: '田中' };
// 12:00 in Tokyo.
const NOON_IN_TOKYO = Date.parse('2026-12-01T03:00:00Z');

let world: E2eWorld | null = null;
const users: E2eWebUser[] = [];

afterEach(async () => {
  await Promise.all(users.splice(0).map((u) => u.close()));
  const w = world;
  world = null;
  if (!w) return;
  await w.close();
  expect(w.errors).toEqual([]);
});

async function start(...args: Parameters<typeof startE2e>): Promise<E2eWorld> {
  world = await startE2e(...args);
  world.slack.addUser(TANAKA);
  return world;
}

/** A web user who describes a gift card problem and accepts a person; resolves with the queued ticket's id. */
async function webUserInQueue(w: E2eWorld): Promise<{ user: E2eWebUser; ticketId: string }> {
  const user = await E2eWebUser.start(w.base);
  users.push(user);
  await user.say(`ギフト券 ${CODE} を登録しようとしたらエラーになりました`);
  await user.say('担当者と話したい');
  await user.say('はい、お願いします');
  // The engine queued the handoff notice before it answered; idle() waits for the ticket.
  await w.app.handoff.idle();
  const ticket = (await w.app.handoff.list(['queued'])).find((t) => t.conversationId === user.conversationId);
  if (!ticket) throw new Error(`no queued ticket for ${user.conversationId}`);
  return { user, ticketId: ticket.id };
}

const mentionsCustomerService = (text: string) => text.includes('カスタマーサービス');

describe('waiting for an agent', () => {
  it('tells the user plainly, once, when nobody takes the ticket in time, and keeps it queued', async () => {
    let clock = NOON_IN_TOKYO;
    const w = await start({
      env: { HANDOFF_QUEUE_TIMEOUT_SECONDS: '10', BUSINESS_HOURS: '09:00-18:00' },
      start: { now: () => new Date(clock), handoffCheckMs: 10 },
    });
    const { user, ticketId } = await webUserInQueue(w);

    // Within hours and before the timeout: nothing is said. history() is a barrier for pushes.
    clock += 9_000;
    await w.app.handoff.checkWaiting();
    await user.history();
    expect(user.pushed().filter((r) => mentionsCustomerService(r.text))).toEqual([]);

    // Past the timeout, the service's own clock tells the user.
    clock += 2_000;
    const notice = await user.waitForPush('the timeout notice', mentionsCustomerService);
    expect(notice.text).toBe(w.handoffState.timeout);
    await w.app.handoff.idle(); // the ticket is marked after the delivery: wait for it
    const noticedAt = clock;

    // Said once, however often the clock looks again.
    clock += 60_000;
    await w.app.handoff.checkWaiting();
    await w.app.handoff.checkWaiting();
    await user.history();
    expect(user.pushed().filter((r) => mentionsCustomerService(r.text))).toEqual([notice]);

    // Nothing dropped: still queued, the user's words still reach the agents, an agent can still take it.
    expect(await w.app.handoff.get(ticketId)).toMatchObject({
      status: 'queued',
      waitNoticeAt: noticedAt,
    });
    const desk = slackAgentDesk(
      w.slack,
      () => w.base,
      E2E_SETTINGS.slackSigningSecret,
      E2E_SETTINGS.agentsChannel,
    );
    const post = await desk.ticketPost();
    await user.say('まだ待っています');
    await desk.inThread(post.answer.ts, 'the waiting user', (t) => t.includes('まだ待っています'));
    const agent = consoleAgent(() => w.base, E2E_SETTINGS.agentToken, '鈴木');
    expect((await agent.take(ticketId)).body).toMatchObject({ ok: true, ticket: { status: 'active' } });
    await user.waitForPush(
      'the agent joining',
      (t) => t === w.handoffState.joined.replace('{agent}', '鈴木'),
    );
  });

  it('tells the user at once when the handoff comes outside business hours, and keeps the ticket', async () => {
    let clock = NOON_IN_TOKYO;
    const w = await start({
      env: { HANDOFF_QUEUE_TIMEOUT_SECONDS: '60', BUSINESS_HOURS: '13:00-18:00' },
      // The periodic check never runs here: the notice must come with the handoff itself.
      start: { now: () => new Date(clock), handoffCheckMs: 3_600_000 },
    });
    const { user, ticketId } = await webUserInQueue(w);
    await user.history();
    const told = user.pushed().filter((r) => mentionsCustomerService(r.text));
    expect(told.map((r) => r.text)).toEqual([w.handoffState.outsideHours]);

    // Still outside hours, and past the timeout: nothing more is said.
    clock += 120_000;
    await w.app.handoff.checkWaiting();
    await user.history();
    expect(user.pushed().filter((r) => mentionsCustomerService(r.text))).toEqual(told);
    expect(await w.app.handoff.get(ticketId)).toMatchObject({
      status: 'queued',
      waitNoticeAt: NOON_IN_TOKYO,
    });
  });
});

describe('a restart in the middle of a handoff', () => {
  it('keeps the ticket, its agent and every message, and the agent carries on', async () => {
    const w = await start();
    const desk = slackAgentDesk(
      w.slack,
      () => w.base,
      E2E_SETTINGS.slackSigningSecret,
      E2E_SETTINGS.agentsChannel,
    );
    const { user, ticketId } = await webUserInQueue(w);
    const post = await desk.ticketPost();
    await desk.click(post, 'handoff:take', TANAKA);
    await user.waitForPush(
      'the agent joining',
      (t) => t === w.handoffState.joined.replace('{agent}', '田中'),
    );
    expect(await user.say(`${CODE} をもう一度入れましたがだめでした`)).toEqual([]);
    await desk.inThread(post.answer.ts, 'the user message', (t) => t.includes('だめでした'));
    await desk.replyInThread(post.answer.ts, TANAKA, '購入時のレシートはお手元にありますか?');
    await user.waitForPush("the agent's question", (t) => t.includes('レシートはお手元にありますか'));
    const ticketBefore = await w.app.handoff.get(ticketId);
    const historyBefore = await user.history();

    await w.restart();

    // The ticket as it was: active, held by the same agent, with its summary and desk thread.
    expect(await w.app.handoff.get(ticketId)).toEqual(ticketBefore);
    expect(ticketBefore).toMatchObject({ status: 'active', agent: '田中' });

    // The same visitor comes back with the kept token: every message is there, the code masked.
    const back = await E2eWebUser.resume(w.base, user.session);
    users.push(back);
    const historyAfter = await back.history();
    expect(historyAfter).toEqual(historyBefore);
    expect(historyAfter.map((m) => m.role)).toEqual(expect.arrayContaining(['user', 'bot', 'agent']));
    expect(historyAfter.filter((m) => m.role === 'user').at(-1)?.text).toBe(
      '[ギフト券番号] をもう一度入れましたがだめでした',
    );
    const { body: detail } = await consoleAgent(() => w.base, E2E_SETTINGS.agentToken, '田中').detail(
      ticketId,
    );
    expect(detail.transcript.map((m) => [m.role, m.text])).toEqual(
      historyBefore.filter((m) => m.role !== 'system').map((m) => [m.role, m.text]),
    );

    // The agent carries on from the same Slack thread: a reply reaches the user, the user's words the thread.
    await desk.replyInThread(post.answer.ts, TANAKA, '再起動のあとも続けてご案内します。');
    await back.waitForPush("the agent's reply after the restart", (t) =>
      t.includes('再起動のあとも続けてご案内します'),
    );
    expect(await back.say('レシートはあります')).toEqual([]);
    await desk.inThread(post.answer.ts, 'the user message after the restart', (t) =>
      t.includes('レシートはあります'),
    );

    // And closes it: the user rates, the ticket keeps the rating.
    await desk.click(post, 'handoff:close', TANAKA);
    const rating = w.questions.find((q) => q.asks === 'rating');
    await back.waitForPush('the rating question', (t) => t === rating?.text);
    await back.say('5');
    await w.app.handoff.idle();
    expect(
      await until('the rating on the ticket', async () => (await w.app.handoff.get(ticketId))?.rating),
    ).toBe(5);
    expect(await w.app.handoff.get(ticketId)).toMatchObject({ status: 'closed', agent: '田中' });
    await desk.update(post.answer.ts, 'closed after the restart', (c) => slackTextOf(c).includes('解決済み'));
  });

  it("keeps a waiting LINE user's ticket and its notice, and a console agent answers after the restart", async () => {
    let clock = NOON_IN_TOKYO;
    const w = await start({
      env: { HANDOFF_QUEUE_TIMEOUT_SECONDS: '10' },
      start: { now: () => new Date(clock), handoffCheckMs: 3_600_000 },
    });
    const user = lineUser(
      w.line,
      () => w.base,
      E2E_SETTINGS.lineChannelSecret,
      'U0e2e0restart0000000000000000000a',
    );
    const agent = consoleAgent(() => w.base, E2E_SETTINGS.agentToken, '鈴木');
    await user.say('アカウントの残高が0円になっていました');
    await user.say('担当者と話したい');
    await user.say('はい');
    await w.app.handoff.idle(); // the ticket is opened on the service's queue
    clock += 11_000;
    await w.app.handoff.checkWaiting();
    expect(user.pushes()).toEqual([[w.handoffState.timeout]]);
    const ticket = await until('the ticket in the console', () => agent.ticketOf(user.conversationId));
    const before = (await agent.detail(ticket.id)).body;

    await w.restart();

    // The ticket, its notice and its transcript survived; the clock does not say it twice.
    const after = (await agent.detail(ticket.id)).body;
    expect(after).toEqual(before);
    expect(after.ticket).toMatchObject({ status: 'queued', waitNoticeAt: clock });
    clock += 600_000;
    await w.app.handoff.checkWaiting();
    expect(user.pushes()).toEqual([[w.handoffState.timeout]]);

    // An agent takes it now, and the conversation goes on to the rating.
    expect((await agent.take(ticket.id)).body).toMatchObject({ ok: true, ticket: { agent: '鈴木' } });
    await user.waitForPush(
      'the agent joining',
      (t) => t === w.handoffState.joined.replace('{agent}', '鈴木'),
    );
    expect((await agent.reply(ticket.id, 'お待たせしました。ご注文履歴を確認します。')).status).toBe(200);
    await user.waitForPush("the agent's words", (t) => t.includes('お待たせしました。'));
    const whileActive = await user.send('よろしくお願いします');
    expect((await agent.close(ticket.id)).body).toMatchObject({ ok: true, ticket: { status: 'closed' } });
    const rating = w.questions.find((q) => q.asks === 'rating');
    await user.waitForPush('the rating question', (t) => t === rating?.text);
    await user.say('3です');
    await w.app.handoff.idle();
    expect(await until('the rating', async () => (await w.app.handoff.get(ticket.id))?.rating)).toBe(3);
    expect(user.repliesWith([whileActive])).toEqual([]);
    const transcript = (await agent.detail(ticket.id)).body.transcript;
    expect(transcript.slice(0, before.transcript.length)).toEqual(before.transcript);
    expect(transcript.map((m) => m.text)).toContainEqual('よろしくお願いします');
  });
});
