/**
 * What the learned readers see of a text: the lemmas of its words (a negated one marked, so that
 * 登録できない and 登録できた differ), its last content word, what the rules found (an old
 * purchase date, a pasted code) and the character pairs of the normalised text, which still carry
 * a word kuromoji split oddly, a typo or a dialect ending the lexicon has never seen.
 */
import type { Features } from './linearModel.ts';
import type { NluToken } from './toTokens.ts';

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '副詞', '形容動詞']);
const SYMBOL_ONLY = /^[\p{P}\p{Z}]*$/u;
// Word features count fully; the many character pairs each count a little.
const WORD = 1;
const COMPLAINT_PAIR = 0.3;
const ANSWER_PAIR = 0.5;

const lemmaOf = (t: NluToken) => (t.negatedBy >= 0 ? `${t.lemma}:neg` : t.lemma);

function addPairs(features: Features, normalized: string, weight: number): void {
  const chars = [...normalized.replace(/\s+/gu, '')];
  for (let i = 0; i + 1 < chars.length; i++) features.set(`c:${chars[i]}${chars[i + 1]}`, weight);
}

// Endings that kuromoji tags as verbs or nouns (ている, される, こと) carry no content.
const isContent = (t: NluToken) =>
  CONTENT_POS.has(t.pos) && !t.auxiliary && t.pos1 !== '非自立' && t.pos1 !== '接尾';

/** What the reading found besides words: a purchase date over a year old, a pasted code. */
export interface TextSignals {
  oldDate: boolean;
  code: boolean;
}

/** A complaint is read by its content words: particles and endings say little about the branch. */
export function complaintFeatures(
  normalized: string,
  tokens: readonly NluToken[],
  signals: TextSignals = { oldDate: false, code: false },
): Features {
  const features: Features = new Map();
  if (signals.oldDate) features.set('signal:old-date', WORD);
  if (signals.code) features.set('signal:code', WORD);
  let last: NluToken | undefined;
  for (const t of tokens) {
    if (!isContent(t)) continue;
    features.set(`w:${lemmaOf(t)}`, WORD);
    last = t;
  }
  // Japanese says what it wants at the end: 印刷したい and 印刷できない end on different words.
  if (last) features.set(`last:${lemmaOf(last)}`, WORD);
  addPairs(features, normalized, COMPLAINT_PAIR);
  return features;
}

/** An answer is short and every word counts: うん, ちゃう, ○ and 👍 included. */
export function answerFeatures(normalized: string, tokens: readonly NluToken[]): Features {
  const features: Features = new Map();
  for (const t of tokens) if (!SYMBOL_ONLY.test(t.surface)) features.set(`w:${lemmaOf(t)}`, WORD);
  addPairs(features, normalized, ANSWER_PAIR);
  return features;
}

/** The lemma behind a feature, for evidence; character pairs are no evidence a person can read. */
export function wordOf(feature: string): string | null {
  if (!feature.startsWith('w:')) return null;
  const lemma = feature.slice(2);
  return lemma.endsWith(':neg') ? lemma.slice(0, -4) : lemma;
}
