/**
 * What Slack posts to `/slack/events`, built the way Slack builds it, and posted signed: the
 * `event_callback` envelope around a message event, and the `block_actions` of a button click.
 */
import { FAKE_SLACK_IDENTITY, type SlackApiCall } from './fakeSlackApi.ts';
import { slackSignedHeaders } from './signing.ts';

const TEAM = FAKE_SLACK_IDENTITY.teamId;

type Button = { action_id: string; value: string; text: { text: string } };

/** The buttons of a message the app posted, in order. */
export function slackButtonsOf(call: SlackApiCall): Button[] {
  const blocks = (call.body.blocks ?? []) as Array<{ type: string; elements?: unknown[] }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []) as Button[]);
}

/** An `event_callback` around `event` (a `message` from the fake's team unless `event` says otherwise). */
export function eventCallback<E extends Record<string, unknown>>(
  event: E,
  envelope: { eventId: string; eventTime?: number },
) {
  return {
    token: 'legacy-token',
    team_id: TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: envelope.eventId,
    event_time: envelope.eventTime ?? 1_700_000_000,
    authorizations: [{ team_id: TEAM, user_id: FAKE_SLACK_IDENTITY.botUserId, is_bot: true }],
    event: { type: 'message', team: TEAM, ...event },
  };
}

export interface BlockActionsOptions {
  /** The app's message whose button is clicked. */
  post: SlackApiCall;
  actionId: string;
  /** Who clicked: `name` is the legacy handle Slack sends as `username` and `name`. */
  user: { id: string; name: string };
  channel: { id: string; name: string };
  blockId: string;
  actionTs: string;
  /** The thread the clicked message is in, if any. */
  threadTs?: string;
}

/** The `block_actions` payload of a click on the button `actionId` of `post`. */
export function blockActions(opts: BlockActionsOptions) {
  const button = slackButtonsOf(opts.post).find((b) => b.action_id === opts.actionId);
  if (!button) throw new Error(`the message has no ${opts.actionId} button`);
  const { post, user, channel } = opts;
  return {
    type: 'block_actions',
    team: { id: TEAM, domain: 'fake' },
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'legacy-token',
    trigger_id: '1.2.3',
    container: { type: 'message', message_ts: post.answer.ts, channel_id: channel.id },
    channel,
    message: {
      type: 'message',
      bot_id: FAKE_SLACK_IDENTITY.botId,
      text: post.body.text,
      ts: post.answer.ts,
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      blocks: post.body.blocks,
    },
    response_url: 'https://hooks.slack.test/actions/1',
    actions: [
      {
        type: 'button',
        block_id: opts.blockId,
        action_id: button.action_id,
        value: button.value,
        text: { type: 'plain_text', text: button.text.text },
        action_ts: opts.actionTs,
      },
    ],
  };
}

/** A click on a button of a ticket's message in the agents' channel. */
export function ticketClick(opts: {
  post: SlackApiCall;
  actionId: string;
  user: { id: string; name: string };
  channelId: string;
  actionTs: string;
}) {
  const { channelId, ...rest } = opts;
  return blockActions({ ...rest, channel: { id: channelId, name: 'agents' }, blockId: 'handoff' });
}

/**
 * Posts `body` to the app's `/slack/events`, signed with `signingSecret`: as JSON (a string is
 * sent as it is), or as the `payload` form field interactions use when `form` is set.
 */
export function postToSlack(
  base: string,
  signingSecret: string,
  body: unknown,
  opts: { form?: boolean; timestamp?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
  const raw = opts.form
    ? new URLSearchParams({ payload: JSON.stringify(body) }).toString()
    : typeof body === 'string'
      ? body
      : JSON.stringify(body);
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...slackSignedHeaders(signingSecret, raw, opts.timestamp),
      ...opts.headers,
    },
    body: raw,
  });
}
