/**
 * Issue 5 end to end, a web user with a Slack agent: the whole app as `npm start` builds it
 * (startApp: real engine and NLU, SQLite in a temporary DATA_DIR, the real web, Slack and LINE
 * adapters), the user on a raw web socket with a server-issued token, the agent as signed Slack
 * requests, Slack's Web API a local fake.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { E2E_SETTINGS, type E2eWorld, startE2e } from '../helpers/e2eApp.ts';
import {
  type SlackAgentDeskView,
  slackAgentDesk,
  slackButtonsOf,
  slackTextOf,
} from '../helpers/e2eSlackAgent.ts';
import { until } from '../helpers/e2eWait.ts';
import { E2eWebUser } from '../helpers/e2eWebUser.ts';

const CODE = 'AQ3X-7RTK9P-M2ZQW';
const TANAKA = { id: 'U0E2ETANAKA', name: 'tanaka', displayName: '田中' };

let world: E2eWorld;
let desk: SlackAgentDeskView;
let user: E2eWebUser | null = null;

beforeEach(async () => {
  world = await startE2e();
  world.slack.addUser(TANAKA);
  desk = slackAgentDesk(
    world.slack,
    () => world.base,
    E2E_SETTINGS.slackSigningSecret,
    E2E_SETTINGS.agentsChannel,
  );
});

afterEach(async () => {
  await user?.close();
  user = null;
  await world.close();
  expect(world.errors).toEqual([]);
});

/** Every text the app sent to Slack, blocks included. */
const everythingSentToSlack = () => JSON.stringify(world.slack.calls.map((c) => c.body));

describe('a web user handed to a Slack agent', () => {
  it('carries the diagnosis to Slack, relays both ways while the bot is silent, and stores the rating', async () => {
    user = await E2eWebUser.start(world.base);
    // Free Japanese: the complaint (with a gift card code), two checks answered in words, then a person.
    expect(await user.say(`ギフト券 ${CODE} を登録しようとしたらエラーが出て使えません`)).not.toEqual([]);
    await user.say('いいえ、ちゃんと半角で入力しました');
    await user.say('いいえ、追加されていません');
    const offer = await user.say('担当の人と話せますか');
    expect(offer.at(-1)?.options.map((o) => o.id)).toContain('yes');
    const accepted = await user.say('はい、お願いします');
    expect(accepted.map((r) => r.text).join('\n')).toContain('引き継');

    // The ticket in the agents' channel, with the summary an agent needs, every code masked.
    const post = await desk.ticketPost();
    const summary = slackTextOf(post);
    expect(summary).toContain('相談の種類: ギフト券番号の登録');
    expect(summary).toContain('確認: 入力ミス・読み取れない文字 → 正しく入力した');
    expect(summary).toContain('確認: 登録済み → 追加されていない');
    expect(summary).toContain('[ギフト券番号]');
    expect(slackButtonsOf(post).map((b) => b.text.text)).toEqual(['担当する', '解決', 'ボットに戻す']);
    const [queued] = await world.app.handoff.list(['queued']);
    expect(queued).toMatchObject({ conversationId: user.conversationId, channel: 'web', agent: null });
    const ticketId = queued?.id ?? '';

    // 担当する: the user's socket is told who joined, without asking.
    await desk.click(post, 'handoff:take', TANAKA);
    const joined = world.handoffState.joined.replace('{agent}', '田中');
    await user.waitForPush('the agent joining', (t) => t === joined);
    expect(await world.app.handoff.get(ticketId)).toMatchObject({ status: 'active', agent: '田中' });

    // The user writes: the bot says nothing, the agent reads it in the thread, masked.
    expect(await user.say(`もう一度 ${CODE} を入れても同じエラーでした`)).toEqual([]);
    const relayed = await desk.inThread(post.answer.ts, 'the user message', (t) =>
      t.includes('同じエラーでした'),
    );
    expect(String(relayed.body.text)).toContain('[ギフト券番号]');

    // The agent answers in the thread: the user's socket receives it.
    await desk.replyInThread(
      post.answer.ts,
      TANAKA,
      'お調べしますので、カードの裏面の写真をご用意ください。',
    );
    await user.waitForPush("the agent's reply", (t) => t.includes('カードの裏面の写真をご用意ください'));

    // 解決: the user is asked to rate, answers in words, and the ticket keeps the rating.
    await desk.click(post, 'handoff:close', TANAKA);
    const rating = world.questions.find((q) => q.asks === 'rating');
    const question = await user.waitForPush('the rating question', (t) => t === rating?.text);
    expect(question.options.map((o) => o.id)).toContain('4');
    const thanks = await user.say('4です');
    expect(thanks).not.toEqual([]);
    await world.app.handoff.idle();
    expect(
      await until('the rating on the ticket', async () => (await world.app.handoff.get(ticketId))?.rating),
    ).toBe(4);
    expect(await world.app.handoff.get(ticketId)).toMatchObject({ status: 'closed', rating: 4 });
    await desk.update(post.answer.ts, 'the rating shown', (c) => slackTextOf(c).includes('★★★★☆'));

    // Exactly one party spoke to the user after the handoff: the agent, and the service's notices.
    expect(user.pushed().map((r) => r.text)).toEqual([
      joined,
      expect.stringContaining('カードの裏面の写真をご用意ください'),
      world.handoffState.closed,
      rating?.text,
    ]);

    // Nothing the app sent to Slack, and nothing it stored, holds the code in clear.
    expect(everythingSentToSlack()).not.toContain('AQ3X');
    const history = await user.history();
    expect(JSON.stringify(history)).not.toContain('AQ3X');
    expect(history.filter((m) => m.role === 'agent').map((m) => m.text)).toEqual([
      expect.stringContaining('カードの裏面の写真'),
    ]);
  });
});
