/**
 * An agent in the Slack agents' channel, as Slack would report them to the app: signed
 * `block_actions` for button clicks and signed `message` events for thread replies, posted to
 * `/slack/events`; and what the app posted to that channel, read from the fake Web API.
 */

import { within } from './e2eWait.ts';
import { FAKE_SLACK_IDENTITY, type FakeSlackApi, type SlackApiCall } from './fakeSlackApi.ts';
import { slackSignedHeaders } from './signing.ts';

export interface SlackPerson {
  id: string;
  /** The legacy handle a click carries. */
  name: string;
  displayName: string;
}

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Record<string, unknown>>;
};
type Button = { action_id: string; value: string; text: { text: string } };

const blocksOf = (call: SlackApiCall) => (call.body.blocks ?? []) as Block[];

/** Every text of a message's blocks (sections, fields), one per line. */
export const slackTextOf = (call: SlackApiCall): string =>
  blocksOf(call)
    .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)])
    .join('\n');

export const slackButtonsOf = (call: SlackApiCall): Button[] =>
  blocksOf(call)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []) as Button[]);

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
  const team = FAKE_SLACK_IDENTITY.teamId;

  async function postSigned(body: unknown, form: boolean): Promise<void> {
    const raw = form
      ? new URLSearchParams({ payload: JSON.stringify(body) }).toString()
      : JSON.stringify(body);
    const res = await fetch(`${base()}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        ...slackSignedHeaders(signingSecret, raw),
      },
      body: raw,
    });
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
      const button = slackButtonsOf(post).find((b) => b.action_id === actionId);
      if (!button) throw new Error(`the ticket's message has no ${actionId} button`);
      await postSigned(
        {
          type: 'block_actions',
          team: { id: team, domain: 'e2e' },
          user: { id: who.id, username: who.name, name: who.name, team_id: team },
          api_app_id: 'A0APP',
          token: 'legacy-token',
          trigger_id: '1.2.3',
          container: { type: 'message', message_ts: post.answer.ts, channel_id: channel },
          channel: { id: channel, name: 'agents' },
          message: {
            type: 'message',
            bot_id: FAKE_SLACK_IDENTITY.botId,
            ts: post.answer.ts,
            blocks: post.body.blocks,
          },
          response_url: 'https://hooks.slack.test/actions/1',
          actions: [
            {
              type: 'button',
              block_id: 'handoff',
              action_id: actionId,
              value: button.value,
              text: { type: 'plain_text', text: button.text.text },
              action_ts: nextTs(),
            },
          ],
        },
        true,
      );
    },

    async replyInThread(threadTs, who, text) {
      const ts = nextTs();
      await postSigned(
        {
          token: 'legacy-token',
          team_id: team,
          api_app_id: 'A0APP',
          type: 'event_callback',
          event_id: `EvE2E${++seq}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: team, user_id: FAKE_SLACK_IDENTITY.botUserId, is_bot: true }],
          event: {
            type: 'message',
            team,
            channel,
            channel_type: 'channel',
            user: who.id,
            text,
            ts,
            thread_ts: String(threadTs),
            event_ts: ts,
          },
        },
        false,
      );
    },
  };
}
