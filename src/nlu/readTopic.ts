/** Greeting-only texts (こんにちは！) and texts clearly about something else than our complaints. */
import type { ComplaintReading } from '../core/ports.ts';
import type { Tally } from './evidence.ts';
import type { TermMatch } from './termMatcher.ts';
import type { NluToken } from './toTokens.ts';

// Words that carry no content of their own: particles, auxiliaries, symbols, fillers (えっと).
const FUNCTION_POS = new Set(['助詞', '助動詞', '記号', 'フィラー', '感動詞']);
const HAS_LETTER = /[\p{L}\p{N}]/u;

export function readTopic(
  tokens: NluToken[],
  topicMatches: TermMatch[],
  topic: Tally,
  complaint: ComplaintReading,
  complaintTally: Tally,
): { greetingOnly: boolean; offTopic: boolean } {
  const covered = new Set<number>();
  for (const m of topicMatches) for (let i = m.start; i < m.end; i++) covered.add(i);
  const content = tokens.some(
    (t, i) => !covered.has(i) && !FUNCTION_POS.has(t.pos) && HAS_LETTER.test(t.surface),
  );
  const greetingOnly = (topic.scores.greeting ?? 0) > 0 && !content;
  const offTopic = !greetingOnly && complaint.branch === 'other' && (complaintTally.scores.other ?? 0) > 0;
  return { greetingOnly, offTopic };
}
