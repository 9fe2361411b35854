/**
 * The Slack channel end to end: signed requests to the real HTTP server, Bolt verifying them, and
 * the real Slack Web API client talking HTTP to a local fake of slack.com/api.
 */
import { LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { createSlackChannel, SlackChannelError } from '../../src/channels/slack.ts';
import { escapeMrkdwn } from '../../src/channels/slackBlocks.ts';
import type { Engine, EngineInput, Reply, StoredMessage, TurnResult } from '../../src/core/ports.ts';
import { createHttpServer, type HttpServer } from '../../src/server/httpServer.ts';
import {
  FAKE_SLACK_IDENTITY,
  type FakeSlackApi,
  type SlackApiCall,
  startFakeSlackApi,
} from '../helpers/fakeSlackApi.ts';
import { RecordingEngine, useRealEngine } from '../helpers/recordingEngine.ts';
import { serveChannel } from '../helpers/serveChannel.ts';
import { slackSignedHeaders } from '../helpers/signing.ts';
import { blockActions, eventCallback, postToSlack, slackButtonsOf } from '../helpers/slackPayloads.ts';

const SECRET = 'slack-signing-secret-for-tests';
const BOT_TOKEN = 'xoxb-test-token';
const TEAM = FAKE_SLACK_IDENTITY.teamId;
// A new user per test: the real engine keeps every conversation for the whole file.
let userSeq = 0;
let USER = 'U0USER00';
let DM = 'D0USER00';

const realEngine = useRealEngine();

beforeEach(() => {
  userSeq += 1;
  USER = `U0USER${String(userSeq).padStart(2, '0')}`;
  DM = `D0USER${String(userSeq).padStart(2, '0')}`;
});

let fake: FakeSlackApi;
let engine: RecordingEngine;
let channel: Channel;
let http: HttpServer;
let base: string;
let logs: string[];

/** Over the Events API (signed HTTP requests) unless an app token asks for Socket Mode. */
async function boot(
  inner: Engine = realEngine(),
  mode: { signingSecret: string } | { appToken: string } = { signingSecret: SECRET },
) {
  fake = await startFakeSlackApi();
  engine = new RecordingEngine(inner);
  logs = [];
  const logger = { warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  channel = createSlackChannel({
    engine,
    ...mode,
    botToken: BOT_TOKEN,
    apiUrl: fake.url,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    logger,
  });
  ({ http, base } = await serveChannel(channel));
}

let eventSeq = 0;
/** A direct message from this test's user, unless `event` says otherwise. */
function messageEvent(event: Record<string, unknown>, eventId = `Ev${++eventSeq}`) {
  return eventCallback(
    {
      channel: DM,
      channel_type: 'im',
      user: USER,
      text: 'ギフトカードの残高が反映されません',
      ts: `1700000100.${String(eventSeq).padStart(6, '0')}`,
      event_ts: '1700000100.000000',
      ...event,
    },
    { eventId },
  );
}

const postSigned = (body: unknown, opts?: Parameters<typeof postToSlack>[3]) =>
  postToSlack(base, SECRET, body, opts);

/** Waits until `turns` engine turns are done and all their replies are posted. */
async function postedAfter(turns: number): Promise<SlackApiCall[]> {
  await engine.waitForTurns(turns);
  const expected = engine.results.reduce((n, r) => n + r.replies.length, 0);
  return fake.waitForCalls('chat.postMessage', expected);
}

function sectionTextOf(call: SlackApiCall): string {
  const blocks = call.body.blocks as Array<{ type: string; text?: { text: string } }>;
  return blocks.find((b) => b.type === 'section')?.text?.text ?? '';
}

describe('Slack channel over the Events API', () => {
  beforeEach(async () => {
    await boot();
  });

  afterEach(async () => {
    await http.close();
    await fake.close();
  });

  it('checks the bot token with auth.test when mounted', () => {
    const authTests = fake.callsTo('auth.test');
    expect(authTests).toHaveLength(1);
    expect(authTests[0]?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('answers a signed direct message in its thread, with the options as buttons', async () => {
    const body = messageEvent({});
    const res = await postSigned(body);
    expect(res.status).toBe(200);

    const posts = await postedAfter(1);
    expect(engine.inputs).toEqual([{ conversationId: `slack:${TEAM}:${USER}`, text: body.event.text }]);
    const replies = engine.results[0]?.replies ?? [];
    expect(posts).toHaveLength(replies.length);
    replies.forEach((reply, i) => {
      const post = posts[i];
      expect(post?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(post?.body).toMatchObject({
        channel: DM,
        thread_ts: body.event.ts,
        text: escapeMrkdwn(reply.text),
      });
      expect(sectionTextOf(post as SlackApiCall)).toBe(reply.text);
      expect(slackButtonsOf(post as SlackApiCall)).toEqual(
        reply.options.map((o) => ({
          type: 'button',
          action_id: `choice:${o.id}`,
          value: o.id,
          text: { type: 'plain_text', text: o.label, emoji: true },
        })),
      );
    });
    expect(replies.some((r) => r.options.length > 0)).toBe(true);
  });

  it('answers a mention in a channel, without the mention, in the thread it was written in', async () => {
    const body = messageEvent({
      type: 'app_mention',
      channel: 'C0GENERAL',
      channel_type: undefined,
      text: `<@${FAKE_SLACK_IDENTITY.botUserId}> 残高が &lt;0円&gt; になっています`,
      thread_ts: '1699999999.000001',
    });
    await postSigned(body);
    const posts = await postedAfter(1);
    expect(engine.inputs).toEqual([
      { conversationId: `slack:${TEAM}:${USER}`, text: '残高が <0円> になっています' },
    ]);
    for (const post of posts)
      expect(post.body).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1699999999.000001' });
  });

  it.each([
    { what: 'a bot message', event: { subtype: 'bot_message', bot_id: 'BOTHER', user: undefined } },
    {
      what: 'its own message',
      event: { user: FAKE_SLACK_IDENTITY.botUserId, bot_id: FAKE_SLACK_IDENTITY.botId },
    },
    { what: 'an edit', event: { subtype: 'message_changed', message: { text: 'edited' } } },
    { what: 'a deletion', event: { subtype: 'message_deleted' } },
    { what: 'a channel message without a mention', event: { channel: 'C0GENERAL', channel_type: 'channel' } },
  ])('ignores $what', async ({ event }) => {
    const res = await postSigned(messageEvent(event));
    expect(res.status).toBe(200);
    await channel.stop();
    expect(engine.inputs).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it.each([
    { what: 'a wrong signature', headers: { 'x-slack-signature': 'v0=0000' } },
    { what: 'no signature', headers: { 'x-slack-signature': '' } },
    { what: 'a signature made with another secret', headers: slackSignedHeaders('other-secret', '{}') },
  ])('refuses $what with 401', async ({ headers }) => {
    const res = await postSigned(messageEvent({}), { headers });
    expect(res.status).toBe(401);
    await channel.stop();
    expect(engine.inputs).toEqual([]);
  });

  it('refuses a correctly signed request whose timestamp is more than five minutes old with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(messageEvent({}), { timestamp: sixMinutesAgo });
    expect(res.status).toBe(401);
    await channel.stop();
    expect(engine.inputs).toEqual([]);
  });

  it('answers a retried event (same event_id, x-slack-retry-num) exactly once', async () => {
    const body = messageEvent({});
    expect((await postSigned(body)).status).toBe(200);
    await postedAfter(1);
    const retry = await postSigned(body, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await channel.stop();
    expect(engine.inputs).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(engine.results[0]?.replies.length ?? -1);
  });

  it('answers once when the retry arrives while the first delivery is still being answered', async () => {
    const body = messageEvent({});
    const statuses = await Promise.all([
      postSigned(body),
      postSigned(body, { headers: { 'x-slack-retry-num': '1' } }),
      postSigned(body, { headers: { 'x-slack-retry-num': '2' } }),
    ]).then((rs) => rs.map((r) => r.status));
    expect(statuses).toEqual([200, 200, 200]);
    await channel.stop();
    expect(engine.inputs).toHaveLength(1);
  });

  it('turns a button click into a choice, marks the chosen button and answers in the same thread', async () => {
    const body = messageEvent({});
    await postSigned(body);
    const posts = await postedAfter(1);
    const withButtons = posts.find((p) => slackButtonsOf(p).length > 0);
    if (!withButtons) throw new Error('the engine offered no options to click');
    const [button] = slackButtonsOf(withButtons);
    if (!button) throw new Error('the message with options has no button');

    const click = blockActions({
      post: withButtons,
      actionId: button.action_id,
      user: { id: USER, name: 'customer' },
      channel: { id: DM, name: 'directmessage' },
      blockId: 'choices',
      actionTs: '1700000200.000000',
      threadTs: body.event.ts,
    });
    const res = await postSigned(click, { form: true });
    expect(res.status).toBe(200);

    const all = await postedAfter(2);
    expect(engine.inputs[1]).toEqual({ conversationId: `slack:${TEAM}:${USER}`, choice: button.value });
    const answers = all.slice(posts.length);
    expect(answers.map((p) => p.body.text)).toEqual(
      engine.results[1]?.replies.map((r) => escapeMrkdwn(r.text)),
    );
    for (const answer of answers)
      expect(answer.body).toMatchObject({ channel: DM, thread_ts: body.event.ts });

    const [update] = await fake.waitForCalls('chat.update', 1);
    expect(update?.body).toMatchObject({ channel: DM, ts: withButtons.answer.ts });
    const updatedBlocks = update?.body.blocks as Array<{ type: string; elements?: Array<{ text: string }> }>;
    expect(updatedBlocks.some((b) => b.type === 'actions')).toBe(false);
    expect(updatedBlocks.at(-1)?.elements?.[0]?.text).toContain(button.text.text);

    // The same question clicked again (a double click) is not a second answer.
    expect((await postSigned(click, { form: true })).status).toBe(200);
    await channel.stop();
    expect(engine.inputs).toHaveLength(2);
  });

  it('answers politely when the engine fails, and logs neither the text nor a code', async () => {
    engine.failWhen = () => true;
    const body = messageEvent({ text: 'コード ABCD-EFGH-JKLM-NPQR が使えません' });
    expect((await postSigned(body)).status).toBe(200);
    const [post] = await fake.waitForCalls('chat.postMessage', 1);
    expect(post?.body).toMatchObject({ channel: DM, thread_ts: body.event.ts });
    expect(String(post?.body.text)).toMatch(/申し訳/);
    expect(logs.join('\n')).toContain(`slack:${TEAM}:${USER}`);
    expect(logs.join('\n')).not.toMatch(/ABCD|使えません/);

    engine.failWhen = () => false;
    await postSigned(messageEvent({}));
    await postedAfter(2);
  });

  it('answers a file without text with a text-only reply and does not call the engine', async () => {
    const body = messageEvent({ subtype: 'file_share', text: '', files: [{ id: 'F1', name: 'card.jpg' }] });
    await postSigned(body);
    const [post] = await fake.waitForCalls('chat.postMessage', 1);
    expect(post?.body).toMatchObject({ channel: DM, thread_ts: body.event.ts });
    await channel.stop();
    expect(engine.inputs).toEqual([]);
  });

  it.each([
    { what: 'broken JSON', body: '{"type":"event_callback",' },
    { what: 'an empty body', body: '' },
  ])('answers $what with a 4xx and keeps serving', async ({ body }) => {
    const res = await postSigned(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    await postSigned(messageEvent({}));
    await postedAfter(1);
  });

  it("echoes Slack's url_verification challenge", async () => {
    const res = await postSigned({ type: 'url_verification', token: 't', challenge: 'challenge-3eZbrw1a' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'challenge-3eZbrw1a' });
  });

  it('delivers outside a turn into the thread the user last wrote in', async () => {
    const body = messageEvent({});
    await postSigned(body);
    const before = (await postedAfter(1)).length;
    const agent: Reply[] = [{ text: '担当の者です。状況を確認しました。', options: [] }];
    await channel.deliver(`slack:${TEAM}:${USER}`, agent);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(before + 1);
    expect(posts.at(-1)?.body).toMatchObject({ channel: DM, thread_ts: body.event.ts, text: agent[0]?.text });
  });

  it('delivers to a user it has not heard from in this process through their DM', async () => {
    await channel.deliver(`slack:${TEAM}:U0OTHER`, [{ text: 'お待たせしました。', options: [] }]);
    expect(fake.callsTo('conversations.open')[0]?.body).toMatchObject({ users: 'U0OTHER' });
    const post = fake.callsTo('chat.postMessage')[0];
    expect(post?.body).toMatchObject({ channel: 'DU0OTHER', text: 'お待たせしました。' });
    expect(post?.body.thread_ts).toBeUndefined();
  });

  it.each(['line:U1', 'slack:T1', 'web:abc'])('refuses to deliver to %s', async (conversationId) => {
    await expect(channel.deliver(conversationId, [])).rejects.toBeInstanceOf(SlackChannelError);
  });

  it('posts the replies of quick successive messages in order, turn after turn', async () => {
    await http.close();
    await fake.close();
    const gate = new GatedEngine();
    await boot(gate);
    await postSigned(messageEvent({ text: 'first' }));
    await postSigned(messageEvent({ text: 'second' }));
    gate.release('second');
    gate.release('first');
    await postedAfter(2);
    expect(fake.callsTo('chat.postMessage').map((p) => p.body.text)).toEqual(['first', 'second']);
  });

  it('cannot be built without a signing secret or an app token', () => {
    expect(() => createSlackChannel({ engine, botToken: BOT_TOKEN })).toThrow(SlackChannelError);
    expect(() => createSlackChannel({ engine, botToken: BOT_TOKEN, signingSecret: '' })).toThrow(
      /SIGNING_SECRET/,
    );
  });

  it('fails to mount when Slack refuses the bot token', async () => {
    const refusing = await startFakeSlackApi();
    refusing.answerNext('auth.test', { ok: false, error: 'invalid_auth' });
    const broken = createSlackChannel({
      engine,
      signingSecret: SECRET,
      botToken: 'xoxb-wrong',
      apiUrl: refusing.url,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    const server = createHttpServer({ channels: [broken], readiness: () => ({}) });
    const failure = server.listen(0, '127.0.0.1');
    await expect(failure).rejects.toBeInstanceOf(SlackChannelError);
    await expect(failure).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
    await server.close();
    await refusing.close();
  });
});

describe('Slack channel in Socket Mode', () => {
  const APP_TOKEN = 'xapp-test-token';

  beforeEach(async () => {
    await boot(realEngine(), { appToken: APP_TOKEN });
  });

  afterEach(async () => {
    await http.close();
    await fake.socketsClosed();
    await fake.close();
  });

  it('opens a connection with the app token and serves no HTTP endpoint', async () => {
    expect(fake.callsTo('apps.connections.open')[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(fake.sockets()).toEqual({ opened: 1, open: 1 });
    const res = await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('acknowledges an event, answers it in its thread, and answers a retried envelope once', async () => {
    const body = messageEvent({});
    const ack = await fake.sendEnvelope('events_api', body);
    expect(ack.envelope_id).toEqual(expect.any(String));
    const posts = await postedAfter(1);
    for (const post of posts) expect(post.body).toMatchObject({ channel: DM, thread_ts: body.event.ts });

    await fake.sendEnvelope('events_api', body, { attempt: 1, reason: 'timeout' });
    await channel.stop();
    expect(engine.inputs).toEqual([{ conversationId: `slack:${TEAM}:${USER}`, text: body.event.text }]);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(posts.length);
  });

  it('closes its connection when stopped', async () => {
    await channel.stop();
    await fake.socketsClosed();
    expect(fake.sockets()).toEqual({ opened: 1, open: 0 });
  });
});

/** Answers each text turn only when the test releases it, to show that reply order follows turn order. */
class GatedEngine implements Engine {
  readonly #gates = new Map<string, () => void>();
  readonly #released = new Set<string>();

  handle(input: EngineInput): Promise<TurnResult> {
    const text = input.text ?? input.choice;
    const result: TurnResult = {
      conversationId: input.conversationId,
      replies: [{ text, options: [] }],
      asks: null,
      diagnosis: { branch: null, cause: null },
      outcome: 'open',
    };
    if (this.#released.has(text)) return Promise.resolve(result);
    return new Promise((resolve) => this.#gates.set(text, () => resolve(result)));
  }
  release(text: string): void {
    this.#released.add(text);
    this.#gates.get(text)?.();
  }
  async history(): Promise<StoredMessage[]> {
    return [];
  }
}
