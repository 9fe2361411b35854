/**
 * Issue 5 end to end, a LINE user with a web-console agent: the whole app as `npm start` builds it
 * (startApp on SQLite in a temporary DATA_DIR), the user as signed LINE webhooks, LINE's Messaging
 * API a local fake, the agent on the console's HTTP API with the agent token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Asks } from '../../src/core/domain.ts';
import type { PickState } from '../../src/core/flowDefinition.ts';
import { openEvents } from '../helpers/agentConsoleHarness.ts';
import { E2E_SETTINGS, type E2eWorld, startE2e } from '../helpers/e2eApp.ts';
import { consoleAgent, type E2eConsoleAgent } from '../helpers/e2eConsoleAgent.ts';
import { type E2eLineUser, lineUser } from '../helpers/e2eLineUser.ts';
import { within } from '../helpers/e2eWait.ts';

const USER_ID = 'U0e2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a';

let world: E2eWorld;
let user: E2eLineUser;
let agent: E2eConsoleAgent;
let events: Awaited<ReturnType<typeof openEvents>> | null = null;

beforeEach(async () => {
  world = await startE2e();
  user = lineUser(world.line, () => world.base, E2E_SETTINGS.lineChannelSecret, USER_ID);
  agent = consoleAgent(() => world.base, E2E_SETTINGS.agentToken, '鈴木');
});

afterEach(async () => {
  events?.close();
  events = null;
  await world.close();
  expect(world.errors).toEqual([]);
});

describe('a LINE user handed to an agent on the web console', () => {
  it('keeps the bot silent while the agent holds the chat, then resumes at the next check', async () => {
    expect(await user.say('アカウントのギフト券残高がいつのまにか減っていました')).not.toEqual([]);
    await user.say('いいえ、最近は何も買っていません');
    await user.say('担当者と話したい');
    const accepted = await user.say('はい');
    expect(accepted.join('\n')).toContain('引き継');

    // The console is closed to anyone without the token.
    expect((await consoleAgent(() => world.base, null, 'x').list()).status).toBe(401);
    expect((await consoleAgent(() => world.base, 'not-the-agent-token-at-all', 'x').list()).status).toBe(401);

    // The ticket is in the console's queue, with the checks already done.
    const listed = await agent.list();
    expect(listed.status).toBe(200);
    const ticket = listed.body.tickets.find((t) => t.conversationId === user.conversationId);
    if (!ticket) throw new Error(`no ticket for ${user.conversationId} in ${JSON.stringify(listed.body)}`);
    expect(ticket).toMatchObject({ status: 'queued', channel: 'line', agent: null });
    expect(ticket.summary.branch).toBe('account');
    expect(ticket.summary.checks).toContainEqual(
      expect.objectContaining({ asks: 'auto_applied', answer: '使われていない' }),
    );
    events = await openEvents(world.base, E2E_SETTINGS.agentToken);

    // Take and reply: both reach the user by LINE push.
    expect((await agent.take(ticket.id)).body).toMatchObject({
      ok: true,
      ticket: { status: 'active', agent: '鈴木' },
    });
    const joined = world.handoffState.joined.replace('{agent}', '鈴木');
    await user.waitForPush('the agent joining', (t) => t === joined);
    expect((await agent.reply(ticket.id, 'ご注文履歴を一緒に確認させてください。')).status).toBe(200);
    await user.waitForPush("the agent's words", (t) => t.includes('ご注文履歴を一緒に確認させてください。'));

    // The user writes while the agent holds the chat: the agent gets it, masked; the bot says nothing.
    const whileActive = await user.send('注文番号はわかりませんが、コード AQ3X-7RTK9P-M2ZQW を使いました');
    await within(
      'the user message on the console',
      events.next('userMessage', (e) => e.ticketId === ticket.id),
    );
    const { body: detail } = await agent.detail(ticket.id);
    const lastUser = detail.transcript.filter((m) => m.role === 'user').at(-1);
    expect(lastUser?.text).toContain('注文番号はわかりませんが');
    expect(lastUser?.text).toContain('[ギフト券番号]');
    expect(JSON.stringify(detail)).not.toContain('AQ3X');

    // Back to the bot at the next check: the bot speaks again, pushed, asking the first check not yet answered.
    const answered = new Set<Asks>(ticket.summary.checks.map((c) => c.asks));
    const picker = world.app.composed.flow.states.next_check as PickState;
    const nextCheck = picker.checks.account
      .map((name) => world.questions.find((q) => q.name === name))
      .find((q) => q && !answered.has(q.asks));
    if (!nextCheck) throw new Error('every account check was answered already');
    const returned = await agent.returnToBot(ticket.id, 'next_check');
    expect(returned.body).toMatchObject({ ok: true, ticket: { status: 'returned' } });
    const resumed = await user.waitForPush(
      'the bot speaking again',
      (t) => t === world.handoffState.returned,
    );
    expect(resumed.at(-1)).toBe(nextCheck.text);

    // The next message is the bot's to answer, as the answer to that check.
    const diagnosis = world.questions.find((q) => q.cause === nextCheck.asks && q.asks === 'resolved');
    if (!diagnosis) throw new Error(`the flow has no diagnosis of ${nextCheck.asks}`);
    const answer = await user.say('はい、あります');
    expect(answer).toEqual([...diagnosis.say, diagnosis.text]);

    // Exactly one party answered each message: no reply to the one written while the agent held it.
    expect(user.repliesWith([whileActive])).toEqual([]);
    expect(user.pushes()).toEqual([
      [joined],
      [expect.stringContaining('ご注文履歴を一緒に確認させてください。')],
      [world.handoffState.returned, nextCheck.text],
    ]);
    expect((await agent.detail(ticket.id)).body.ticket).toMatchObject({ status: 'returned', agent: '鈴木' });
  });
});
