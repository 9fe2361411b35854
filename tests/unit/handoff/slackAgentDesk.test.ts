/**
 * The Slack desk on its own: the real Web API client against the local fake of slack.com/api, and
 * a service double that records what the desk asks of it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentReplyResult } from '../../../src/handoff/handoffService.ts';
import {
  createSlackAgentDesk,
  type SlackAgentDesk,
  type SlackDeskService,
} from '../../../src/handoff/slackAgentDesk.ts';
import type { Ticket } from '../../../src/handoff/ticket.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../helpers/fakeSlackApi.ts';
import { makeTicket } from '../../helpers/makeTicket.ts';

const AGENTS = 'C0AGENTS';

/** The desk's ticket: only its id and where the user writes from matter here. */
const ticket = (extra: Partial<Ticket> = {}): Ticket =>
  makeTicket({ id: 'tk_desk', conversationId: 'web:v1', channel: 'web', ...extra });

/** Records each call; answers ok unless `refuse` says otherwise. */
class ServiceDouble implements SlackDeskService {
  readonly calls: Array<[string, ...string[]]> = [];
  readonly refs: Array<[string, string, string]> = [];
  refuse: AgentReplyResult | null = null;
  async list() {
    return [];
  }
  #answer(call: [string, ...string[]]): AgentReplyResult {
    this.calls.push(call);
    return this.refuse ?? { ok: true, ticket: ticket() };
  }
  async take(id: string, agent: string) {
    return this.#answer(['take', id, agent]);
  }
  async reply(id: string, agent: string, text: string) {
    return this.#answer(['reply', id, agent, text]);
  }
  async close(id: string, agent: string) {
    return this.#answer(['close', id, agent]);
  }
  async returnToBot(id: string, agent: string) {
    return this.#answer(['returnToBot', id, agent]);
  }
  async setDeskRef(ticketId: string, desk: string, ref: string) {
    this.refs.push([ticketId, desk, ref]);
  }
}

let fake: FakeSlackApi;
let service: ServiceDouble;
let desk: SlackAgentDesk;
let logs: string[];

beforeEach(async () => {
  fake = await startFakeSlackApi();
  service = new ServiceDouble();
  logs = [];
  desk = createSlackAgentDesk({
    service,
    botToken: 'xoxb-desk',
    channelId: AGENTS,
    apiUrl: fake.url,
    retryConfig: { retries: 0 },
    logger: { warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
  });
});

afterEach(async () => {
  await desk.idle();
  await fake.close();
});

const posts = () => fake.callsTo('chat.postMessage');

describe('createSlackAgentDesk', () => {
  it("posts the ticket before a user message that follows at once, in the ticket's thread", async () => {
    const t = ticket();
    await Promise.all([desk.ticketOpened(t), desk.userMessage(t, 'まだですか')]);
    const [parent, line] = posts();
    expect(parent?.body).toMatchObject({ channel: AGENTS });
    expect(parent?.body.thread_ts).toBeUndefined();
    expect(line?.body).toMatchObject({
      channel: AGENTS,
      thread_ts: parent?.answer.ts,
      text: 'お客さま: まだですか',
    });
    expect(service.refs).toEqual([['tk_desk', 'slack', parent?.answer.ts]]);
  });

  it('posts a ticket once, however often it is opened', async () => {
    await desk.ticketOpened(ticket());
    await desk.ticketOpened(ticket());
    expect(posts()).toHaveLength(1);
  });

  it('uses the thread kept in deskRefs by an earlier process instead of posting again', async () => {
    await desk.ticketChanged(ticket({ status: 'active', agent: '田中', deskRefs: { slack: '1699.000001' } }));
    expect(posts().filter((p) => p.body.thread_ts === undefined)).toEqual([]);
    expect(fake.callsTo('chat.update')[0]?.body).toMatchObject({ channel: AGENTS, ts: '1699.000001' });
  });

  it('logs a Slack failure instead of throwing at the service, and posts the ticket at its next change', async () => {
    fake.answerNext('chat.postMessage', { ok: false, error: 'channel_not_found' });
    await expect(desk.ticketOpened(ticket())).resolves.toBeUndefined();
    expect(logs.join('\n')).toMatch(/tk_desk.*channel_not_found/);
    await desk.ticketChanged(ticket({ status: 'active', agent: '田中' }));
    const parents = posts().filter((p) => p.answer.ok && p.body.thread_ts === undefined);
    expect(parents).toHaveLength(1);
    expect(JSON.stringify(parents[0]?.body.blocks)).toContain('対応中');
  });

  it("finds the message an earlier process posted, and keeps the ticket's thread", async () => {
    const t = ticket({ createdAt: Date.now() });
    await desk.ticketOpened(ticket({ id: 'tk_other', createdAt: Date.now() }));
    await desk.ticketOpened(t);
    const earlier = posts()[1];
    const restarted = createSlackAgentDesk({
      service,
      botToken: 'xoxb-desk',
      channelId: AGENTS,
      apiUrl: fake.url,
    });
    await restarted.userMessage(t, '再起動後の質問です');
    await restarted.ticketChanged({ ...t, status: 'cancelled' });
    expect(posts().filter((p) => p.body.thread_ts === undefined)).toHaveLength(2);
    expect(posts().at(-1)?.body).toMatchObject({
      thread_ts: earlier?.answer.ts,
      text: 'お客さま: 再起動後の質問です',
    });
    expect(fake.callsTo('chat.update').map((c) => c.body.ts)).toEqual([earlier?.answer.ts]);
  });

  it('posts the ticket again when the channel cannot be searched, and says why', async () => {
    fake.answerNext('conversations.history', { ok: false, error: 'missing_scope' });
    await desk.ticketChanged(ticket({ status: 'active', agent: '田中' }));
    expect(posts()).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/look for the message of tk_desk.*missing_scope/);
  });

  it.each([
    { button: 'handoff:take', call: 'take' },
    { button: 'handoff:close', call: 'close' },
    { button: 'handoff:return', call: 'returnToBot' },
  ])('turns a click on $button into service.$call', async ({ button, call }) => {
    fake.addUser({ id: 'U1', name: 'tanaka', displayName: '田中' });
    await desk.routes.handleAction({
      actionId: button,
      value: 'tk_desk',
      userId: 'U1',
      userName: 'tanaka',
      channelId: AGENTS,
      messageTs: '1699.000002',
    });
    expect(service.calls).toEqual([[call, 'tk_desk', '田中']]);
    expect(fake.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('falls back to the name Slack gave with the click, and keeps it for that agent’s replies', async () => {
    const click = {
      actionId: 'handoff:take',
      value: 'tk_desk',
      userId: 'U9',
      channelId: AGENTS,
      messageTs: '1699.3',
    };
    await desk.routes.handleAction({ ...click, userName: 'suzuki' });
    await desk.routes.handleThreadReply({
      threadTs: '1699.3',
      ts: '1699.4',
      userId: 'U9',
      text: 'お待たせしました',
    });
    expect(service.calls).toEqual([
      ['take', 'tk_desk', 'suzuki'],
      ['reply', 'tk_desk', 'suzuki', 'お待たせしました'],
    ]);
    expect(logs.join('\n')).toMatch(/users\.info failed for U9/);
  });

  it('ignores a button it does not know', async () => {
    await desk.routes.handleAction({
      actionId: 'handoff:delete',
      value: 'tk_desk',
      userId: 'U1',
      channelId: AGENTS,
      messageTs: '1699.5',
    });
    expect(service.calls).toEqual([]);
  });

  it('asks Slack once about a thread that is not a ticket’s, then ignores its replies', async () => {
    await desk.ticketOpened(ticket()); // a message whose thread is a ticket's, to tell the two apart
    const reply = { threadTs: '1600.000001', ts: '1600.2', userId: 'U1', text: '雑談' };
    await desk.routes.handleThreadReply(reply);
    await desk.routes.handleThreadReply({ ...reply, ts: '1600.3' });
    expect(service.calls).toEqual([]);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
  });

  it('tells the agent privately, in the ticket thread, when the service refuses', async () => {
    service.refuse = { ok: false, reason: 'not_taken', ticket: ticket() };
    await desk.ticketOpened(ticket());
    const ts = String(posts()[0]?.answer.ts);
    await desk.routes.handleThreadReply({ threadTs: ts, ts: '1700.9', userId: 'U1', text: 'こんにちは' });
    const [note] = fake.callsTo('chat.postEphemeral');
    expect(note?.body).toMatchObject({ channel: AGENTS, user: 'U1', thread_ts: ts });
    expect(String(note?.body.text)).toContain('先に「担当する」を押してください');
  });
});
