/**
 * Lexicon terms found in a token stream. kuromoji has no user dictionary, so a multi-token term
 * (ギフト券番号, 身に覚えのない, 2段階認証) is compiled to its lemma sequence once and merged back
 * after tokenizing: longest match first, particles and spaces skippable inside a term.
 */
import type { TermSpec } from './dictionarySchema.ts';
import { isNegatable, type NluToken } from './toTokens.ts';

export type Scores = Record<string, number>;

export interface CompiledTerm {
  spec: TermSpec;
  term: string;
  scores: Scores;
  negated: Scores | null;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  term: CompiledTerm | null;
  /** The last element of the pattern is itself a negator (覚えがない): no further negation. */
  endsNegative: boolean;
}

export interface TermMatch {
  term: CompiledTerm;
  start: number;
  /** Exclusive. */
  end: number;
  surface: string;
  negated: boolean;
  /** The negator this match consumed, or -1. */
  negator: number;
}

/** Two terms that read the same once tokenized: only the first could ever match. */
export interface Collision {
  spelling: string;
  spec: TermSpec;
  other: TermSpec;
}

export interface TermMatcher {
  match(tokens: NluToken[]): TermMatch[];
}

const MAX_SKIPS = 2;
/** A term never spans two clauses: 登録したのに残高が is not 登録した残高. て and で only chain verbs. */
const CLAUSE_LINK = (t: NluToken) => t.pos1 === '接続助詞' && t.lemma !== 'て' && t.lemma !== 'で';
/** Auxiliaries a text may have where a term's spelling has some (し て あっ た). */
const MAX_AUXILIARY_SKIPS = 4;
/** Edge key of an element that particles may precede (written with a particle in the term). */
const GAP = '~';

/**
 * `tokenize` turns a term spelling into tokens exactly like a user text (same normalisation).
 * Particles in a term's spelling mark where a text may have other particles or none
 * (覚えがない matches 覚えはない, 覚えない); a term written without one (ギフト券残高) needs the
 * words side by side. Auxiliaries of tense and aspect inside a term are such places too
 * (チャージした残高 matches チャージしてあった残高); at its end they are kept (入れておく is not
 * 入れる). Spaces never matter.
 */
export function compileTerms(
  terms: TermSpec[],
  tokenize: (text: string) => NluToken[],
): TermMatcher & { collisions: Collision[] } {
  const root: TrieNode = { next: new Map(), term: null, endsNegative: false };
  const collisions: Collision[] = [];
  for (const spec of terms) {
    const term: CompiledTerm = { spec, term: spec.term, scores: spec.scores, negated: spec.negated ?? null };
    for (const spelling of [spec.term, ...(spec.forms ?? [])]) {
      for (const tokens of tokenizations(spelling, tokenize)) {
        const onlyParticles = tokens.every((t) => t.skippable);
        const lastContent = tokens.findLastIndex((t) => !t.skippable && !t.auxiliary);
        const keys: string[] = [];
        let gap = false;
        let trailing: NluToken | null = null;
        for (const [i, t] of tokens.entries()) {
          if (t.auxiliary && i < lastContent && keys.length > 0) {
            gap = true;
            continue;
          }
          if (t.skippable && !onlyParticles) {
            if (t.pos === '助詞') {
              gap = true;
              trailing = t;
            }
            continue;
          }
          keys.push(gap && keys.length > 0 ? GAP + t.lemma : t.lemma);
          gap = false;
          trailing = null;
        }
        // A particle that ends a term is part of it (他の人も is not 他の人).
        if (trailing && keys.length > 0) keys.push(GAP + trailing.lemma);
        if (keys.length === 0) continue;
        let node = root;
        for (const key of keys) {
          let child = node.next.get(key);
          if (!child) {
            child = { next: new Map(), term: null, endsNegative: false };
            node.next.set(key, child);
          }
          node = child;
        }
        if (node.term && node.term !== term) collisions.push({ spelling, spec, other: node.term.spec });
        if (!node.term) {
          node.term = term;
          node.endsNegative = tokens.filter((t) => !t.skippable || onlyParticles).pop()?.isNegator ?? false;
        }
      }
    }
  }
  return { collisions, match: (tokens) => findMatches(root, tokens) };
}

/**
 * kuromoji splits a word differently depending on what follows it (ネットオークション alone is
 * ネット/オーク/ション, before で it is ネット/オークション), so a term is compiled as it reads
 * alone and as it reads before a case particle; a term made of nouns only is also compiled as the one
 * noun it can be in a sentence (オークションで買った has オークション whole).
 */
function tokenizations(spelling: string, tokenize: (text: string) => NluToken[]): NluToken[][] {
  const variants = [tokenize(spelling)];
  for (const particle of ['が', 'で', 'を']) {
    const tokens = tokenize(spelling + particle);
    const last = tokens[tokens.length - 1];
    // Only before a case particle: 死ねが reads 死ね as a verb stem with a conjunctive が.
    if (last?.surface === particle && last.pos1 === '格助詞') variants.push(tokens.slice(0, -1));
  }
  const [first, ...rest] = variants[0] ?? [];
  // ...and so is a noun with a particle kuromoji sometimes keeps inside the noun (誰か: 誰 + か,
  // or 誰か whole before が).
  const nounLike = (t: NluToken) => t.pos === '名詞' || (t.pos === '助詞' && t.pos1.startsWith('副助詞'));
  if (first?.pos === '名詞' && rest.length > 0 && rest.every(nounLike)) {
    const whole = [first, ...rest].map((t) => t.surface).join('');
    variants.push([{ ...first, surface: whole, lemma: whole, negatedBy: -1 }]);
  }
  const seen = new Set<string>();
  return variants.filter((v) => {
    const key = v.map((t) => `${t.lemma}/${t.pos}`).join(' ');
    return v.length > 0 && !seen.has(key) && seen.add(key);
  });
}

interface Found {
  node: TrieNode;
  end: number;
}

function walk(node: TrieNode, tokens: NluToken[], i: number, best: Found | null): Found | null {
  let found = node.term && (!best || i > best.end) ? { node, end: i } : best;
  let particles = 0;
  let auxiliaries = 0;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j];
    if (!t) break;
    for (const key of particles + auxiliaries === 0 ? [t.lemma, GAP + t.lemma] : [GAP + t.lemma]) {
      const child = node.next.get(key);
      if (child) found = walk(child, tokens, j + 1, found);
    }
    if (t.auxiliary) {
      if (++auxiliaries > MAX_AUXILIARY_SKIPS) break;
      continue;
    }
    if (!t.skippable || CLAUSE_LINK(t)) break;
    if (t.pos === '助詞' && ++particles > MAX_SKIPS) break;
  }
  return found;
}

function longestAt(root: TrieNode, tokens: NluToken[], start: number): Found | null {
  const first = root.next.get(tokens[start]?.lemma ?? '');
  return first ? walk(first, tokens, start + 1, null) : null;
}

function findMatches(root: TrieNode, tokens: NluToken[]): TermMatch[] {
  const matches: TermMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const found = longestAt(root, tokens, i);
    if (!found?.node.term) {
      i++;
      continue;
    }
    const last = tokens[found.end - 1];
    const negator = !found.node.endsNegative && last && isNegatable(last) ? last.negatedBy : -1;
    matches.push({
      term: found.node.term,
      start: i,
      end: found.end,
      surface: tokens
        .slice(i, found.end)
        .map((t) => t.surface)
        .join(''),
      negated: negator >= 0,
      negator,
    });
    i = found.end;
  }
  // A negator that negated a term with its own negated meaning is used up: it is not also a bare
  // "ない" (わからない is unsure, not unsure + no).
  const used = new Set(matches.filter((m) => m.negated && m.term.negated).map((m) => m.negator));
  return matches.filter((m) => !(m.end - m.start === 1 && used.has(m.start)));
}
