/**
 * A handoff ticket as Slack Block Kit, for the agents' channel: the summary an agent reads before
 * answering, its state, and the buttons that fit that state. Pure functions of the ticket.
 */
import type { types as slackTypes } from '@slack/bolt';
import { escapeMrkdwn, SECTION_MAX, SLACK_HANDOFF_PREFIX } from '../channels/slackBlocks.ts';
import { formatSummary } from '../core/summary.ts';
import { truncate } from '../core/truncate.ts';
import type { HandoffRefusal } from './handoffService.ts';
import type { Ticket, TicketStatus } from './ticket.ts';

export type HandoffButton = 'take' | 'close' | 'return';

const TICKET_BLOCK_PREFIX = 'ticket:';

/** The ticket id kept in the summary's block_id: a thread leads back to its ticket after a restart. */
export function parseTicketBlockId(blockId: string | undefined): string | null {
  return blockId?.startsWith(TICKET_BLOCK_PREFIX) ? blockId.slice(TICKET_BLOCK_PREFIX.length) || null : null;
}

export const HANDOFF_ACTION_IDS: Record<HandoffButton, string> = {
  take: `${SLACK_HANDOFF_PREFIX}take`,
  close: `${SLACK_HANDOFF_PREFIX}close`,
  return: `${SLACK_HANDOFF_PREFIX}return`,
};

export function parseHandoffAction(actionId: string): HandoffButton | null {
  const found = Object.entries(HANDOFF_ACTION_IDS).find(([, id]) => id === actionId);
  return found ? (found[0] as HandoffButton) : null;
}

/** The buttons a ticket offers: none once it has left the agents' hands. */
export const BUTTONS_BY_STATUS: Record<TicketStatus, HandoffButton[]> = {
  queued: ['take', 'close', 'return'],
  active: ['close', 'return'],
  closed: [],
  returned: [],
  cancelled: [],
};

const CHANNEL_LABELS: Record<string, string> = {
  web: 'Webチャット',
  slack: 'Slack',
  line: 'LINE',
  terminal: 'ターミナル',
};

const HEADER_MAX = 150;
const FIELD_MAX = 2000;

export function statusLabel(ticket: Ticket): string {
  const agent = ticket.agent ?? '担当者';
  switch (ticket.status) {
    case 'queued':
      return '⏳ 担当者を待っています';
    case 'active':
      return `💬 対応中(担当: ${agent})`;
    case 'closed':
      return `✅ 解決済み(担当: ${agent})`;
    case 'returned':
      return '🤖 ボットに戻しました';
    case 'cancelled':
      return '↩️ お客さまが取り下げました';
  }
}

export function ratingLabel(rating: number): string {
  const stars = Math.max(0, Math.min(5, Math.round(rating)));
  return `${'★'.repeat(stars)}${'☆'.repeat(5 - stars)} (${rating}/5)`;
}

/** Slack shows `<!date^…>` in each reader's own time zone; the fallback is UTC. */
function slackDate(ms: number): string {
  const fallback = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

/** The notification line (push, search, screen readers): who is waiting and for what. */
function notificationText(ticket: Ticket): string {
  const lead = ticket.urgent ? '🚨 至急の引き継ぎ' : '引き継ぎ';
  const complaint = ticket.summary.complaint ? `: ${truncate(ticket.summary.complaint, 80)}` : '';
  return escapeMrkdwn(`${lead}(${statusLabel(ticket)})${complaint}`);
}

function button(kind: HandoffButton, ticketId: string): slackTypes.Button {
  const base = { type: 'button' as const, action_id: HANDOFF_ACTION_IDS[kind], value: ticketId };
  const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
  switch (kind) {
    case 'take':
      return { ...base, text: plain('担当する'), style: 'primary' };
    case 'close':
      return {
        ...base,
        text: plain('解決'),
        confirm: {
          title: plain('解決にしますか'),
          text: plain('お客さまとの会話を終え、対応の評価をお願いします。'),
          confirm: plain('解決にする'),
          deny: plain('やめる'),
        },
      };
    case 'return':
      return {
        ...base,
        text: plain('ボットに戻す'),
        confirm: {
          title: plain('ボットに戻しますか'),
          text: plain('このあとはボットがお客さまに答えます。'),
          confirm: plain('ボットに戻す'),
          deny: plain('やめる'),
        },
      };
  }
}

/** The ticket's message in the agents' channel, posted once and updated as the ticket changes. */
export function ticketMessage(ticket: Ticket): { text: string; blocks: slackTypes.KnownBlock[] } {
  const header = ticket.urgent ? '🚨 至急: アカウント乗っ取りの疑い' : '🙋 担当者への引き継ぎ';
  const field = (label: string, value: string) => ({
    type: 'mrkdwn' as const,
    text: truncate(`*${label}*\n${value}`, FIELD_MAX),
  });
  const fields = [
    field('状態', escapeMrkdwn(statusLabel(ticket))),
    field('お客さまの窓口', escapeMrkdwn(CHANNEL_LABELS[ticket.channel] ?? ticket.channel)),
    field('受付', slackDate(ticket.createdAt)),
    ...(ticket.rating !== null ? [field('お客さまの評価', ratingLabel(ticket.rating))] : []),
  ];
  const buttons = BUTTONS_BY_STATUS[ticket.status];
  const open = buttons.length > 0;
  const blocks: slackTypes.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(header, HEADER_MAX), emoji: true } },
    // Plain text: the summary quotes the user, and nothing they wrote may become markup or a mention.
    {
      type: 'section',
      block_id: `${TICKET_BLOCK_PREFIX}${ticket.id}`.slice(0, 255),
      text: { type: 'plain_text', text: truncate(formatSummary(ticket.summary), SECTION_MAX) },
    },
    { type: 'section', fields },
  ];
  if (open) {
    blocks.push({ type: 'actions', block_id: 'handoff', elements: buttons.map((b) => button(b, ticket.id)) });
  }
  const hint = open ? '・このスレッドへの返信はお客さまにそのまま届きます' : '';
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `チケット ${escapeMrkdwn(ticket.id)}${hint}` }],
  });
  return { text: notificationText(ticket), blocks };
}

/** A user's (already masked) words, in the ticket's thread. */
export function userMessageBlocks(text: string): { text: string; blocks: slackTypes.KnownBlock[] } {
  const line = truncate(`お客さま: ${text}`, SECTION_MAX);
  return {
    text: escapeMrkdwn(line),
    blocks: [{ type: 'section', text: { type: 'plain_text', text: line } }],
  };
}

/** What the thread should be told when a ticket moves on; null when nothing worth a line changed. */
export function changeNote(before: Pick<Ticket, 'status' | 'rating'>, after: Ticket): string | null {
  if (before.rating === null && after.rating !== null) return `お客さまの評価: ${ratingLabel(after.rating)}`;
  if (before.status === after.status) return null;
  const agent = after.agent ?? '担当者';
  switch (after.status) {
    case 'active':
      return `${agent}さんが担当しました。このスレッドへの返信がお客さまに届きます。`;
    case 'closed':
      return `${agent}さんが解決にしました。お客さまに評価をお願いしています。`;
    case 'returned':
      return 'ボットに戻しました。これからはボットがお客さまに答えます。';
    case 'cancelled':
      return 'お客さまが引き継ぎを取り下げました。';
    case 'queued':
      return null;
  }
}

const REFUSALS: Record<HandoffRefusal, string> = {
  unknown_ticket: 'このチケットは見つかりません',
  not_open: 'このチケットはもう終わっています(解決済み・ボットに戻した・取り下げ)',
  taken_by_other: 'ほかの担当者が対応しています',
  not_taken: '先に「担当する」を押してください',
  empty_text: '送る文がありません',
  not_accepted: 'お客さまとの会話が、いまはこの操作を受け付けられません',
};

const ACTION_NAMES: Record<HandoffButton | 'reply', string> = {
  take: '担当する',
  close: '解決',
  return: 'ボットに戻す',
  reply: 'お客さまへの返信',
};

/** The note an agent gets when the service refused what they did. */
export function refusalText(what: HandoffButton | 'reply', reason: HandoffRefusal | undefined): string {
  const why = reason ? `: ${REFUSALS[reason] ?? reason}` : '';
  return escapeMrkdwn(`「${ACTION_NAMES[what]}」はできませんでした${why}`);
}
