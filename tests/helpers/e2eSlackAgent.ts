/**
 * An agent in the Slack agents' channel, as Slack would report them to the app: signed
 * `block_actions` for button clicks and signed `message` events for thread replies, posted to
 * `/slack/events`; and what the app posted to that channel, read from the fake Web API.
 */

import { within } from './e2eWait.ts';
import type { FakeSlackApi, SlackApiCall } from './fakeSlackApi.ts';
import { eventCallback, postToSlack, ticketClick } from './slackPayloads.ts';

export interface SlackPerson {
  id: string;
  /** The legacy handle a click carries. */
  name: string;
  displayName: string;
}

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }> };

const blocksOf = (call: SlackApiCall) => (call.body.blocks ?? []) as Block[];

/** Every text of a message's blocks (sections, fields), one per line. */
export const slackTextOf = (call: SlackApiCall): string =>
  blocksOf(call)
    .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)])
    .join('\n');

// Kept here too: the e2e tests read a ticket's buttons next to its text.
export { slackButtonsOf } from './slackPayloads.ts';

let seq = 0;
/** Slack-like timestamps near now, unique in the process. */
const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;

export interface SlackAgentDeskView {
  /** The ticket's top-level message in the agents' channel (the first one, past or future). */
  ticketPost(what?: (call: SlackApiCall) => boolean): Promise<SlackApiCall>;
  /** A message posted in the ticket's thread whose text `match` accepts. */
  inThread(threadTs: unknown, what: string, match: (text: string) => boolean): Promise<SlackApiCall>;
  /** An update of the ticket's message that `match` accepts. */
  update(ts: unknown, what: string, match: (call: SlackApiCall) => boolean): Promise<SlackApiCall>;
  click(post: SlackApiCall, actionId: string, who: SlackPerson): Promise<void>;
  replyInThread(threadTs: unknown, who: SlackPerson, text: string): Promise<void>;
}

/** `base` is read at each call, so the same view keeps working after a restart of the app. */
export function slackAgentDesk(
  fake: FakeSlackApi,
  base: () => string,
  signingSecret: string,
  channel: string,
): SlackAgentDeskView {
  async function postSigned(body: unknown, form: boolean): Promise<void> {
    const res = await postToSlack(base(), signingSecret, body, { form });
    if (res.status !== 200) throw new Error(`/slack/events answered ${res.status}`);
  }

  return {
    ticketPost: (what = () => true) =>
      within(
        `a ticket posted to ${channel}`,
        fake.waitFor(
          'chat.postMessage',
          (c) => c.body.channel === channel && c.body.thread_ts === undefined && what(c),
        ),
      ),

    inThread: (threadTs, what, match) =>
      within(
        `${what} in the ticket's thread`,
        fake.waitFor(
          'chat.postMessage',
          (c) => c.body.channel === channel && c.body.thread_ts === threadTs && match(String(c.body.text)),
        ),
      ),

    update: (ts, what, match) =>
      within(
        `the ticket's message updated: ${what}`,
        fake.waitFor('chat.update', (c) => c.body.channel === channel && c.body.ts === ts && match(c)),
      ),

    async click(post, actionId, who) {
      await postSigned(
        ticketClick({ post, actionId, user: who, channelId: channel, actionTs: nextTs() }),
        true,
      );
    },

    async replyInThread(threadTs, who, text) {
      const ts = nextTs();
      const event = {
        channel,
        channel_type: 'channel',
        user: who.id,
        text,
        ts,
        thread_ts: String(threadTs),
        event_ts: ts,
      };
      await postSigned(
        eventCallback(event, { eventId: `EvE2E${++seq}`, eventTime: Math.floor(Date.now() / 1000) }),
        false,
      );
    },
  };
}
