/**
 * Block Kit and mrkdwn helpers shared by the Slack adapter and the agents' desk on Slack. Pure
 * functions: Slack's limits and escaping rules live here, not in the callers.
 */
import type { types as slackTypes } from '@slack/bolt';
import type { Reply } from '../core/ports.ts';
import { truncate } from '../core/truncate.ts';

/** Prefix of a button's action_id; the rest (and the button value) is the option id. */
export const SLACK_CHOICE_PREFIX = 'choice:';
/** Prefix of the action_id of the buttons on handoff tickets in the agents' channel. */
export const SLACK_HANDOFF_PREFIX = 'handoff:';

// Block Kit limits (characters; we count UTF-16 units, which is never fewer).
export const SECTION_MAX = 3000;
export const BUTTON_TEXT_MAX = 75;
const ACTION_ID_MAX = 255;
const BUTTONS_MAX = 25;

const chosenText = (label: string) => `「${label}」を選びました`;

/** Slack message markup -> the plain text a person typed: mentions dropped, links to labels, entities decoded. */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_all, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return botUserId && target === `@${botUserId}` ? '' : (label ?? '');
      if (target.startsWith('#')) return label ? `#${label}` : '';
      if (target.startsWith('!')) return '';
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u3000]+/g, (s) => (s.length > 1 ? ' ' : s))
    .trim();
}

/** Slack reads `&`, `<`, `>` in message text as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A reply as Block Kit: its text (plain, so nothing in it becomes markup) and one button per option. */
export function replyBlocks(reply: Reply): slackTypes.KnownBlock[] {
  const blocks: slackTypes.KnownBlock[] = [];
  if (reply.text !== '') {
    blocks.push({
      type: 'section',
      text: { type: 'plain_text', text: truncate(reply.text, SECTION_MAX), emoji: true },
    });
  }
  if (reply.options.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'choices',
      elements: reply.options.slice(0, BUTTONS_MAX).map((option) => ({
        type: 'button',
        action_id: `${SLACK_CHOICE_PREFIX}${option.id}`.slice(0, ACTION_ID_MAX),
        value: option.id,
        text: { type: 'plain_text', text: truncate(option.label, BUTTON_TEXT_MAX), emoji: true },
      })),
    });
  }
  return blocks;
}

/** The clicked message without its buttons, plus a line saying what was chosen. */
export function chosenBlocks(blocks: unknown, label: string): slackTypes.KnownBlock[] {
  const kept = Array.isArray(blocks)
    ? (blocks as slackTypes.KnownBlock[]).filter((b) => b && typeof b === 'object' && b.type !== 'actions')
    : [];
  return [
    ...kept,
    { type: 'context', elements: [{ type: 'plain_text', text: truncate(chosenText(label), SECTION_MAX) }] },
  ];
}
