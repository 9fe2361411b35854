/**
 * Agents on Slack, end to end: signed requests to the real HTTP server and Bolt, the real engine
 * and HandoffService, the Slack desk and the real Web API client talking to a local fake of
 * slack.com/api. Users write from Slack DMs (the same app) or from a recorded web channel.
 */
import { LogLevel } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { createSlackChannel } from '../../src/channels/slack.ts';
import type {
  ConversationStore,
  EngineInput,
  EngineNotice,
  HandoffEngine,
  Reply,
  StoredMessage,
} from '../../src/core/ports.ts';
import { createHandoffService, type HandoffService } from '../../src/handoff/handoffService.ts';
import { createSlackAgentDesk, type SlackAgentDesk } from '../../src/handoff/slackAgentDesk.ts';
import type { Ticket } from '../../src/handoff/ticket.ts';
import { MemoryTicketStore } from '../../src/handoff/ticketStore.ts';
import type { HttpServer } from '../../src/server/httpServer.ts';
import { createTestEngine } from '../helpers/createTestEngine.ts';
import {
  FAKE_SLACK_IDENTITY,
  type FakeSlackApi,
  type SlackApiCall,
  startFakeSlackApi,
} from '../helpers/fakeSlackApi.ts';
import { serveChannel } from '../helpers/serveChannel.ts';
import { eventCallback, postToSlack, slackButtonsOf, ticketClick } from '../helpers/slackPayloads.ts';

const SECRET = 'slack-signing-secret-for-agent-tests';
const BOT_TOKEN = 'xoxb-agent-test-token';
const TEAM = FAKE_SLACK_IDENTITY.teamId;
const AGENTS = 'C0AGENTS';
const TANAKA = { id: 'U0AGENT1', name: 'tanaka', displayName: '田中' };
const SATO = { id: 'U0AGENT2', name: 'sato', realName: '佐藤 花子' };

const TAKEOVER = ['身に覚えのない注文があって残高が0円になりました', 'はい'];
const GIFTCARD = ['ギフト券を登録しようとしたらエラーになりました', 'いいえ', '担当者と話したい', 'はい'];

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<Record<string, unknown>>;
};
const blocksOf = (call: SlackApiCall) => (call.body.blocks ?? []) as Block[];
const textOf = (call: SlackApiCall) =>
  blocksOf(call)
    .map((b) => `${b.text?.text ?? ''}${JSON.stringify((b as { fields?: unknown }).fields ?? '')}`)
    .join('\n');

/** The real engine, with every user turn recorded: the agents' channel must never start one. */
class SpyEngine implements HandoffEngine {
  readonly inputs: EngineInput[] = [];
  constructor(readonly inner: HandoffEngine) {}
  handle(input: EngineInput) {
    this.inputs.push(input);
    return this.inner.handle(input);
  }
  history(conversationId: string, limit?: number): Promise<StoredMessage[]> {
    return this.inner.history(conversationId, limit);
  }
  agent(...args: Parameters<HandoffEngine['agent']>) {
    return this.inner.agent(...args);
  }
}

/** A web channel that records what the service delivers to web users. */
class RecordingWeb implements Channel {
  readonly name = 'web';
  readonly delivered: Array<{ conversationId: string; replies: Reply[] }> = [];
  readonly #waiters: Array<() => void> = [];
  mount() {}
  async deliver(conversationId: string, replies: Reply[]) {
    this.delivered.push({ conversationId, replies });
    for (const wake of this.#waiters.splice(0)) wake();
  }
  /** The text of every reply delivered so far, once there are at least `count`. */
  texts(count: number): Promise<string[]> {
    return new Promise((resolve) => {
      const check = () => {
        const texts = this.delivered.flatMap((d) => d.replies.map((r) => r.text));
        if (texts.length >= count) resolve(texts);
        else this.#waiters.push(check);
      };
      check();
    });
  }
  async stop() {}
}

let real: HandoffEngine;
let store: ConversationStore;
let closeEngine: () => Promise<void>;
let onNotice: (notice: EngineNotice) => void = () => {};

beforeAll(async () => {
  const made = await createTestEngine({ onNotice: (n) => onNotice(n) });
  real = made.engine;
  store = made.composed.store;
  closeEngine = made.close;
});

afterAll(async () => {
  await closeEngine();
});

let fake: FakeSlackApi;
let engine: SpyEngine;
let service: HandoffService;
let desk: SlackAgentDesk;
let channel: Channel;
let web: RecordingWeb;
let http: HttpServer;
let base: string;
let logs: string[];
let userSeq = 0;
let USER = '';
let DM = '';

beforeEach(async () => {
  userSeq += 1;
  USER = `U0CUST${String(userSeq).padStart(2, '0')}`;
  DM = `D0CUST${String(userSeq).padStart(2, '0')}`;
  fake = await startFakeSlackApi();
  fake.addUser(TANAKA);
  fake.addUser(SATO);
  logs = [];
  const logger = { warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  engine = new SpyEngine(real);
  web = new RecordingWeb();
  // Wired as src/main.ts does: the service reads its channels when it delivers.
  const channels: Channel[] = [];
  service = createHandoffService({
    engine,
    tickets: new MemoryTicketStore(),
    store,
    channels,
    queueTimeoutSeconds: 300,
    businessHours: null,
    logger,
  });
  onNotice = (n) => void service.onNotice(n);
  desk = createSlackAgentDesk({
    service,
    botToken: BOT_TOKEN,
    channelId: AGENTS,
    apiUrl: fake.url,
    retryConfig: { retries: 0 },
    logger,
  });
  service.addDesk(desk);
  channel = createSlackChannel({
    engine,
    signingSecret: SECRET,
    botToken: BOT_TOKEN,
    apiUrl: fake.url,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    logger,
    agentDesk: desk.routes,
  });
  channels.push(channel, web);
  ({ http, base } = await serveChannel(channel));
});

afterEach(async () => {
  await http.close();
  await service.stop();
  await desk.idle();
  await fake.close();
  // Every Slack call the desk made succeeded, and nothing went wrong unnoticed.
  expect(logs).toEqual([]);
});

let seq = 0;
const nextTs = () => `1700000500.${String(++seq).padStart(6, '0')}`;

async function postSigned(body: unknown, form = false) {
  const res = await postToSlack(base, SECRET, body, { form });
  expect(res.status).toBe(200);
}

const eventBody = (event: Record<string, unknown>) =>
  eventCallback({ event_ts: '1700000500.000000', ...event }, { eventId: `EvA${++seq}` });

/** The customer writes to the bot in a DM. */
const userSays = (text: string) =>
  postSigned(eventBody({ channel: DM, channel_type: 'im', user: USER, text, ts: nextTs() }));

/** Someone writes in the agents' channel (in a thread when `threadTs` is given). */
const agentSays = (user: string, text: string, threadTs?: string) =>
  postSigned(
    eventBody({
      channel: AGENTS,
      channel_type: 'channel',
      user,
      text,
      ts: nextTs(),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    }),
  );

function click(
  ticketPost: SlackApiCall,
  actionId: string,
  who: { id: string; name: string },
  channelId = AGENTS,
) {
  return postSigned(
    ticketClick({ post: ticketPost, actionId, user: who, channelId, actionTs: nextTs() }),
    true,
  );
}

const ticketPosted = () =>
  fake.waitFor('chat.postMessage', (c) => c.body.channel === AGENTS && c.body.thread_ts === undefined);
const inThread = (ts: unknown, match: (text: string) => boolean) =>
  fake.waitFor(
    'chat.postMessage',
    (c) => c.body.channel === AGENTS && c.body.thread_ts === ts && match(String(c.body.text)),
  );
const toUser = (match: (text: string) => boolean) =>
  fake.waitFor('chat.postMessage', (c) => c.body.channel === DM && match(String(c.body.text)));
const updateOf = (ts: unknown, match: (call: SlackApiCall) => boolean) =>
  fake.waitFor('chat.update', (c) => c.body.channel === AGENTS && c.body.ts === ts && match(c));
const ephemeralTo = (user: string) =>
  fake.waitFor('chat.postEphemeral', (c) => c.body.channel === AGENTS && c.body.user === user);

async function handoff(turns: string[]): Promise<{ post: SlackApiCall; ticket: Ticket }> {
  for (const text of turns) await userSays(text);
  const post = await ticketPosted();
  const [ticket] = await service.list();
  if (!ticket) throw new Error('no ticket was opened');
  return { post, ticket };
}

async function taken(turns = TAKEOVER) {
  const opened = await handoff(turns);
  await click(opened.post, 'handoff:take', TANAKA);
  await updateOf(opened.post.answer.ts, (c) => textOf(c).includes('対応中'));
  return opened;
}

describe('the Slack agents desk', () => {
  it.each([
    {
      what: 'a takeover, marked urgent',
      turns: TAKEOVER,
      header: /🚨/,
      lines: ['相談の種類: アカウント残高', '考えられる原因: 身に覚えのない注文', '緊急度: 高'],
    },
    {
      what: 'a gift card case, with each check and its answer',
      turns: GIFTCARD,
      header: /^(?!.*🚨)/,
      lines: [
        '最初のご相談: ギフト券を登録しようとしたらエラーになりました',
        '確認: 登録済み → 追加されていない',
      ],
    },
  ])(
    'posts $what to the agents channel with the summary and the three buttons',
    async ({ turns, header, lines }) => {
      const { post, ticket } = await handoff(turns);
      expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(blocksOf(post)[0]?.text?.text).toMatch(header);
      for (const line of lines) expect(textOf(post)).toContain(line);
      expect(slackButtonsOf(post).map((b) => [b.action_id, b.text.text, b.value])).toEqual([
        ['handoff:take', '担当する', ticket.id],
        ['handoff:close', '解決', ticket.id],
        ['handoff:return', 'ボットに戻す', ticket.id],
      ]);
    },
  );

  it("takes a ticket on 担当する under the agent's Slack name, updates the message and greets the user", async () => {
    const { post, ticket } = await handoff(TAKEOVER);
    await click(post, 'handoff:take', TANAKA);

    const update = await updateOf(post.answer.ts, (c) => textOf(c).includes('対応中'));
    expect(textOf(update)).toContain('田中');
    expect(slackButtonsOf(update).map((b) => b.action_id)).toEqual(['handoff:close', 'handoff:return']);
    expect(await service.list(['active'])).toEqual([
      expect.objectContaining({ id: ticket.id, agent: '田中' }),
    ]);
    await toUser((t) => t.includes('担当者の田中です'));
    await inThread(post.answer.ts, (t) => t.includes('田中さんが担当しました'));
  });

  it("shows the user's later messages in the ticket's thread, masked", async () => {
    const { post } = await taken();
    await userSays('コード AQ7K-2M9PXZ-T4HBC を入れても使えません');
    const relayed = await inThread(post.answer.ts, (t) => t.startsWith('お客さま: '));
    expect(String(relayed.body.text)).toContain('使えません');
    expect(JSON.stringify(relayed.body)).not.toContain('AQ7K');
  });

  it("sends an agent's thread reply to the user, who gets no bot answer to it", async () => {
    const { post, ticket } = await taken();
    await agentSays(TANAKA.id, 'ご注文履歴を一緒に確認しましょう。', String(post.answer.ts));
    await toUser((t) => t.includes('ご注文履歴を一緒に確認しましょう。'));
    const history = await engine.history(ticket.conversationId);
    expect(history.filter((m) => m.role === 'agent').map((m) => m.text)).toEqual([
      expect.stringContaining('ご注文履歴を一緒に確認しましょう。'),
    ]);
    expect(engine.inputs.every((i) => i.conversationId === `slack:${TEAM}:${USER}`)).toBe(true);
  });

  it("reaches a web user through the web channel, and the user's words reach the thread", async () => {
    const conversationId = `web:visitor-${userSeq}`;
    for (const text of TAKEOVER) await engine.handle({ conversationId, text });
    const post = await ticketPosted();
    await click(post, 'handoff:take', SATO);
    await updateOf(post.answer.ts, (c) => textOf(c).includes('佐藤 花子'));
    await agentSays(SATO.id, 'パスワードは変更できましたか?', String(post.answer.ts));
    expect(await web.texts(2)).toEqual([
      expect.stringContaining('佐藤 花子'),
      expect.stringContaining('パスワードは変更できましたか?'),
    ]);
    await engine.handle({ conversationId, text: '変更しました' });
    await inThread(post.answer.ts, (t) => t === 'お客さま: 変更しました');
  });

  it.each([
    {
      what: 'a second agent clicks 担当する on a taken ticket',
      act: async (post: SlackApiCall) => click(post, 'handoff:take', SATO),
      why: 'ほかの担当者が対応しています',
      leak: '佐藤',
      take: true,
    },
    {
      what: 'an agent replies before anyone took the ticket',
      act: async (post: SlackApiCall) => agentSays(SATO.id, 'こんにちは', String(post.answer.ts)),
      why: '先に「担当する」を押してください',
      leak: 'こんにちは',
      take: false,
    },
    {
      what: 'another agent replies in a taken ticket',
      act: async (post: SlackApiCall) => agentSays(SATO.id, '代わります', String(post.answer.ts)),
      why: 'ほかの担当者が対応しています',
      leak: '代わります',
      take: true,
    },
  ])('tells the agent why, only to them, when $what', async ({ act, why, leak, take }) => {
    const { post } = take ? await taken() : await handoff(TAKEOVER);
    await act(post);
    const note = await ephemeralTo(SATO.id);
    expect(note.body).toMatchObject({ thread_ts: post.answer.ts });
    expect(String(note.body.text)).toContain(why);
    await channel.stop();
    await service.idle();
    const toDm = fake.callsTo('chat.postMessage').filter((c) => c.body.channel === DM);
    expect(toDm.filter((c) => String(c.body.text).includes(leak))).toEqual([]);
  });

  it('closes on 解決: buttons gone, the user is asked to rate, and the rating shows on the ticket', async () => {
    const { post, ticket } = await taken();
    await click(post, 'handoff:close', TANAKA);
    const closed = await updateOf(post.answer.ts, (c) => textOf(c).includes('解決済み'));
    expect(slackButtonsOf(closed)).toEqual([]);
    await toUser((t) => t.includes('評価') || t.includes('いかがでしたか'));
    await userSays('5');
    const rated = await updateOf(post.answer.ts, (c) => textOf(c).includes('★★★★★'));
    expect(slackButtonsOf(rated)).toEqual([]);
    await inThread(post.answer.ts, (t) => t.includes('お客さまの評価'));
    expect((await service.list(['closed']))[0]).toMatchObject({ id: ticket.id, rating: 5 });
  });

  it('gives the conversation back to the bot on ボットに戻す, and the bot answers the user again', async () => {
    const { post } = await taken();
    await click(post, 'handoff:return', TANAKA);
    const returned = await updateOf(post.answer.ts, (c) => textOf(c).includes('ボットに戻しました'));
    expect(slackButtonsOf(returned)).toEqual([]);
    await toUser((t) => t.includes('自動でご案内'));
    const turns = engine.inputs.length;
    await userSays('ギフト券の残高が消えました');
    await channel.stop();
    expect(engine.inputs).toHaveLength(turns + 1);
  });

  it('refuses a click on a ticket that is already over, and refreshes its stale message', async () => {
    const { post } = await taken();
    await click(post, 'handoff:return', TANAKA);
    await updateOf(post.answer.ts, (c) => textOf(c).includes('ボットに戻しました'));
    const updates = fake.callsTo('chat.update').length;
    await click(post, 'handoff:take', SATO);
    expect(String((await ephemeralTo(SATO.id)).body.text)).toContain('もう終わっています');
    await fake.waitForCalls('chat.update', updates + 1);
  });

  it('finds a ticket by its thread after a restart of the desk', async () => {
    const { post } = await taken();
    // A fresh desk knows no thread: it must read the ticket id from the thread's first message.
    const restarted = createSlackAgentDesk({
      service,
      botToken: BOT_TOKEN,
      channelId: AGENTS,
      apiUrl: fake.url,
      retryConfig: { retries: 0 },
    });
    await restarted.routes.handleThreadReply({
      threadTs: String(post.answer.ts),
      ts: nextTs(),
      userId: TANAKA.id,
      text: '再起動のあとも届きますか',
    });
    await toUser((t) => t.includes('再起動のあとも届きますか'));
  });

  it.each([
    {
      what: 'a message at the top of the agents channel',
      send: () => agentSays(TANAKA.id, '残高が0円になりました'),
    },
    {
      what: 'a thread reply that is not under a ticket',
      send: () => agentSays(TANAKA.id, '残高が0円になりました', '1699999999.000001'),
    },
    {
      what: 'a mention of the bot in the agents channel',
      send: () =>
        postSigned(
          eventBody({
            type: 'app_mention',
            channel: AGENTS,
            user: TANAKA.id,
            text: `<@${FAKE_SLACK_IDENTITY.botUserId}> 残高が消えました`,
            ts: nextTs(),
          }),
        ),
    },
  ])('never turns $what into a user conversation', async ({ send }) => {
    await send();
    await channel.stop();
    await service.idle();
    expect(engine.inputs).toEqual([]);
    expect(await service.list()).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it("ignores the bot's own posts and edits in a ticket's thread", async () => {
    const { post } = await taken();
    const ts = String(post.answer.ts);
    await postSigned(
      eventBody({
        channel: AGENTS,
        channel_type: 'channel',
        bot_id: FAKE_SLACK_IDENTITY.botId,
        user: FAKE_SLACK_IDENTITY.botUserId,
        text: 'お客さま: x',
        ts: nextTs(),
        thread_ts: ts,
      }),
    );
    await postSigned(
      eventBody({
        channel: AGENTS,
        channel_type: 'channel',
        subtype: 'message_changed',
        message: { text: '編集' },
        ts: nextTs(),
        thread_ts: ts,
      }),
    );
    await channel.stop();
    await service.idle();
    const history = await engine.history(`slack:${TEAM}:${USER}`);
    expect(history.filter((m) => m.role === 'agent')).toEqual([]);
    expect(fake.callsTo('chat.postEphemeral')).toEqual([]);
  });
});
