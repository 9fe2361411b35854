/**
 * A free-text answer to a check question. Every check question is phrased so that yes confirms
 * the cause, so the reading is about the polarity of the answer: yes (はい, あります, たぶん押したかも),
 * no (いいえ, ないです, してない, 覚えがない, たぶんない), unsure (わからない, 覚えてない) or other.
 * "I want a person" and "start over" are read anywhere in the text, whatever the answer.
 */
import type { AnswerKind, AnswerReading } from '../core/ports.ts';
import { evidenceFor, type Tally, tally } from './evidence.ts';
import type { TermMatch } from './termMatcher.ts';
import { isNegatable, type NluToken } from './toTokens.ts';

export interface AnswerSettings {
  /** An answer kind needs at least this score. */
  minScore: number;
  /** What a negated verb that no answer term knows (押してない, 見せてない) adds to "no". */
  negatedPredicate: number;
  /**
   * When only such a generic negation speaks for "no" and the text reads this strongly as a new
   * complaint (ギフト券の登録ができません), it is not an answer: other.
   */
  complaintOverrides: number;
}

// Ties go to the more careful reading: a "no" or "unsure" never confirms a cause by accident.
const ORDER: AnswerKind[] = ['no', 'unsure', 'yes'];

/** Negated predicates no answer term covers: each negator counts once. */
function genericNegations(
  tokens: NluToken[],
  matches: TermMatch[],
): { words: string[]; negators: Set<number> } {
  const covered = new Set<number>();
  const usedNegators = new Set<number>();
  for (const m of matches) {
    for (let i = m.start; i < m.end; i++) covered.add(i);
    if (m.negated) usedNegators.add(m.negator);
  }
  const words: string[] = [];
  const negators = new Set<number>();
  tokens.forEach((token, i) => {
    const j = token.negatedBy;
    if (j < 0 || covered.has(i) || usedNegators.has(j) || negators.has(j) || !isNegatable(token)) return;
    negators.add(j);
    words.push(
      tokens
        .slice(i, j + 1)
        .map((t) => t.surface)
        .join(''),
    );
  });
  return { words, negators };
}

export function classifyAnswer(
  tokens: NluToken[],
  matches: TermMatch[],
  complaint: Tally,
  settings: AnswerSettings,
): AnswerReading {
  const generic = genericNegations(tokens, matches);
  // A bare ない already counted as the negator of a generic negation is not a second "no".
  const kept = matches.filter((m) => !(m.end - m.start === 1 && generic.negators.has(m.start)));
  const t = tally(kept, tokens);
  const explicit = ORDER.some((k) => (t.scores[k] ?? 0) > 0);
  if (generic.words.length > 0) {
    t.scores.no = (t.scores.no ?? 0) + settings.negatedPredicate;
    t.sources.set('no', [
      ...(t.sources.get('no') ?? []),
      ...generic.words.map((w): [string, number] => [w, 1]),
    ]);
  }
  const wantsHuman = (t.scores.human ?? 0) > 0;
  const restart = (t.scores.restart ?? 0) > 0;
  const side = evidenceFor(t, ['human', 'restart']);

  let answer: AnswerKind = 'other';
  let best = settings.minScore - 1e-9;
  for (const kind of ORDER) {
    const score = t.scores[kind] ?? 0;
    if (score > best) {
      answer = kind;
      best = score;
    }
  }
  const complaintStrength = (complaint.scores.giftcard ?? 0) + (complaint.scores.account ?? 0);
  if (!explicit && answer === 'no' && complaintStrength >= settings.complaintOverrides) answer = 'other';
  const evidence = answer === 'other' ? side : [...evidenceFor(t, [answer]), ...side];
  return { answer, wantsHuman, restart, evidence };
}
