/** Scores summed over term matches, remembering which words gave how much to each key. */
import type { TermMatch } from './termMatcher.ts';
import type { NluToken } from './toTokens.ts';

export interface Tally {
  scores: Record<string, number>;
  /** key → [evidence text, contribution] */
  sources: Map<string, [string, number][]>;
}

/** The words of a match as evidence: a negated match shows its negator too (登録できない). */
export function evidenceText(match: TermMatch, tokens: NluToken[]): string {
  const end = match.negated ? match.negator + 1 : match.end;
  return tokens
    .slice(match.start, end)
    .map((t) => t.surface)
    .join('')
    .trim();
}

/** Each term counts once per text, however often it is repeated. */
export function tally(matches: TermMatch[], tokens: NluToken[]): Tally {
  const scores: Record<string, number> = {};
  const sources = new Map<string, [string, number][]>();
  const seen = new Set<string>();
  for (const match of matches) {
    const table = match.negated ? match.term.negated : match.term.scores;
    const key = `${match.term.term}:${match.negated}`;
    if (!table || seen.has(key)) continue;
    seen.add(key);
    const words = evidenceText(match, tokens);
    for (const [name, value] of Object.entries(table)) {
      scores[name] = (scores[name] ?? 0) + value;
      const list = sources.get(name) ?? [];
      list.push([words, value]);
      sources.set(name, list);
    }
  }
  return { scores, sources };
}

/** Adds a score that comes from outside the lexicon (a date, a code's shape). */
export function addScore(t: Tally, key: string, value: number, words: string): void {
  t.scores[key] = (t.scores[key] ?? 0) + value;
  t.sources.set(key, [...(t.sources.get(key) ?? []), [words, value]]);
}

/** The words that pushed towards `keys`, strongest first, without repeats. */
export function evidenceFor(t: Tally, keys: string[], limit = 8): string[] {
  const weight = new Map<string, number>();
  for (const key of keys) {
    for (const [words, value] of t.sources.get(key) ?? []) {
      if (value > 0) weight.set(words, (weight.get(words) ?? 0) + value);
    }
  }
  return [...weight.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([words]) => words);
}
