/** Turns the resting state's meta and the messages said on the way into the replies of one turn. */
import type { StateMeta } from './buildMachine.ts';
import type { FlowContext } from './flowContext.ts';
import type { Reply } from './ports.ts';
import { buildSummary, formatSummary } from './summary.ts';

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function fill(text: string, context: FlowContext): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    switch (name) {
      case 'summary':
        return `\n${formatSummary(buildSummary(context))}`;
      case 'expiry':
        if (!context.expiry) return 'わからない日付';
        return context.expiry.from === context.expiry.to
          ? `${formatDate(context.expiry.from)}`
          : `${formatDate(context.expiry.from)}から${formatDate(context.expiry.to)}のあいだ`;
      case 'agent':
        return context.agent ?? '担当者';
      case 'confusables_note': {
        const notes = [];
        if (context.confusables.length > 0)
          notes.push(
            `お送りいただいた番号には「${context.confusables.join('」「')}」のように見間違えやすい文字が含まれています。`,
          );
        if (context.codeIssue) notes.push('全角の文字や、桁数の合わない部分もありました。');
        return notes.join('');
      }
      default:
        return whole;
    }
  });
}

/**
 * `said` are the messages emitted on the way; `repeat` is true when the turn stayed in the same
 * question (a reprompt), so its explanations are not said twice.
 */
export function renderReplies(
  meta: StateMeta,
  said: string[],
  context: FlowContext,
  repeat: boolean,
  opts: { quietRepeat?: boolean } = {},
): Reply[] {
  const replies: Reply[] = said.map((text) => ({ text: fill(text, context), options: [] }));
  if (meta.kind === 'transient' || (repeat && opts.quietRepeat)) return replies;
  if (!repeat) replies.push(...meta.say.map((text) => ({ text: fill(text, context), options: [] })));
  if ((meta.kind === 'question' || meta.kind === 'handoff') && meta.text)
    replies.push({ text: fill(meta.text, context), options: meta.options });
  return replies;
}
