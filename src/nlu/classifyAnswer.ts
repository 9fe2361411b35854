/**
 * A free-text answer to a check question. Every check question is phrased so that yes confirms
 * the cause, so the reading is about the polarity of the answer: yes (はい, あります, たぶん押したかも,
 * 入ってました), no (いいえ, ないです, してない, 覚えがない, たぶんない), unsure (わからない,
 * 覚えてない) or other.
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
  /**
   * What an affirmed verb closing the answer in the past or perfect adds to "yes" when no answer
   * term speaks (入ってました, キャンセルしました, 予約してます): the user says they did it or saw it.
   * Verbs that only tell what happened (消えた, 買いました: `statement` terms) do not count.
   */
  affirmedPredicate: number;
  /** ...nor does it when the text reads at least this strongly as a new complaint. */
  affirmedOverrides: number;
}

// Ties go to the more careful reading: a "no" or "unsure" never confirms a cause by accident.
const ORDER: AnswerKind[] = ['no', 'unsure', 'yes'];

const DIALECT_CLOSINGS = new Set(['ばい', 'けん', 'たい']);

/** A negated word right before a noun describes the noun (知らない注文はなかった): it does not answer. */
function modifiesNoun(tokens: NluToken[], negator: number): boolean {
  let i = negator + 1;
  // Words written apart (知らない 注文) still describe the noun; a polite ません never does
  // (わかりません オペレーターお願い).
  const plain = tokens[negator]?.surface === 'ない' || tokens[negator]?.surface === '無い';
  while (plain && tokens[i]?.pos === '記号' && tokens[i]?.pos1 === '空白') i++;
  const next = tokens[i];
  // Kyushu closing particles that kuromoji tags as nouns (しとらんばい, ないけん) end the sentence.
  if (next && DIALECT_CLOSINGS.has(next.lemma)) return false;
  // ...and after a space an adverbial noun (ない 全部届いてる, ない 昨日見た) starts a new clause.
  if (i > negator + 1 && next?.pos1 === '副詞可能') return false;
  return next?.pos === '名詞' && next.pos1 !== '非自立' && next.pos1 !== '接尾';
}

// Auxiliary verbs after て that make a perfect (入ってる, 押しちゃった, 入れとく) or a request.
const PERFECT = new Set([
  'aux:いる',
  'aux:てる',
  'aux:ある',
  'aux:しまう',
  'aux:ちゃう',
  'aux:じゃう',
  'aux:おく',
  'aux:とく',
  'aux:でる',
  // Western Japan's progressive (キャンセルしとる, 入っとった).
  'aux:とる',
]);
const REQUEST = new Set(['aux:くださる', 'aux:くれる', 'aux:もらう', 'aux:ちょうだい']);
// After て they announce what is still to be done (確認してまいります, 見てきます, 試してみる).
const PROSPECTIVE = new Set(['aux:まいる', 'aux:くる', 'aux:いく', 'aux:みる']);

/** An affirmed word right before a noun describes the noun (心当たりのある注文ばかり): it does not answer. */
function describesNoun(tokens: NluToken[], match: TermMatch): boolean {
  const last = tokens[match.end - 1];
  if (match.negated || !last || (last.pos !== '動詞' && last.pos !== '形容詞')) return false;
  let i = match.end;
  while (tokens[i]?.pos === '助動詞' && tokens[i]?.lemma === 'た') i++;
  return modifiesNoun(tokens, i - 1);
}

const isPredicate = (t: NluToken) =>
  t.pos === '動詞' || t.pos === '形容詞' || t.isNegator || t.surface === '？';
const isSeparator = (t: NluToken) =>
  t.pos === '記号' && (t.pos1 === '読点' || t.pos1 === '句点' || t.pos1 === '空白');

/**
 * A last clause without a predicate (返品しました、一週間ほど前です / 返品しました 先週) adds a detail
 * to the answer before it: the answer closes before that clause.
 */
function withoutTrailingDetail(tokens: NluToken[]): NluToken[] {
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]?.pos === '記号') end--;
  for (let k = end - 1; k > 0; k--) {
    const t = tokens[k];
    if (!t || isPredicate(t)) return tokens;
    if (isSeparator(t)) return tokens.slice(0, k);
    // A closing particle ends the answer too (キャンセルしたよ昨日), unless it all asks (入ってたよね？).
    const detail = tokens.slice(k + 1, end).some((u) => u.pos !== '助詞');
    const asks = tokens.slice(end).some((u) => u.surface === '？');
    if (t.pos === '助詞' && t.pos1 === '終助詞' && detail && !asks) return tokens.slice(0, k + 1);
  }
  return tokens;
}

/**
 * The verb an answer closes on, when it is affirmed and done: past (しました) or perfect
 * (入ってる, 予約してます). A question (入ってた？), a request (直して, 見てください), a wish
 * (したい), a negation or a plain present is not an answer.
 */
function closingAffirmed(all: NluToken[]): { start: number; end: number; close: number } | null {
  const tokens = withoutTrailingDetail(all);
  let perfect = false;
  let prospective = false;
  let tail = false;
  let i = tokens.length - 1;
  for (; i >= 0; i--) {
    const t = tokens[i];
    if (!t || t.isNegator) return null;
    if (t.pos === '記号') {
      if (t.surface === '？') return null;
      continue;
    }
    // A courtesy after the answer (入ってました、すみません) is not the answer.
    if (t.pos === '感動詞' && !tail) continue;
    if (t.pos === '助詞') {
      if (t.lemma === 'か' || (t.pos1 !== '終助詞' && t.pos1 !== '接続助詞')) return null;
      if (t.pos1 === '接続助詞' && tail && !prospective) perfect = true;
    } else if (t.pos === '助動詞') {
      if (t.lemma === 'う' || t.lemma === 'たい') return null;
      if (t.lemma === 'た') perfect = true;
    } else if (t.pos === '動詞' && t.pos1 === '非自立') {
      if (REQUEST.has(t.lemma)) return null;
      if (PERFECT.has(t.lemma)) perfect = true;
      if (PROSPECTIVE.has(t.lemma)) prospective = true;
    } else if (!(t.pos === '動詞' && t.pos1 === '接尾') && !(t.pos === '名詞' && t.pos1 === '非自立')) {
      break;
    }
    tail = true;
  }
  const verb = tokens[i];
  if (!perfect || !verb || verb.pos !== '動詞' || verb.pos1 !== '自立') return null;
  const before = tokens[i - 1];
  const start = verb.lemma === 'する' && before?.pos === '名詞' && before.pos1 === 'サ変接続' ? i - 1 : i;
  return { start, end: i + 1, close: tokens.length };
}

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
    if (modifiesNoun(tokens, j)) return;
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
  // What tells what happened, and a wish for a person or a restart (人に代わってよ), answers nothing.
  const statements = matches.filter(
    (m) => 'statement' in m.term.scores || 'human' in m.term.scores || 'restart' in m.term.scores,
  );
  const answering = matches.filter((m) => {
    if ('statement' in m.term.scores) return false;
    const negator = m.negated ? m.negator : tokens[m.end - 1]?.isNegator ? m.end - 1 : -1;
    if (negator < 0) return !describesNoun(tokens, m);
    return !modifiesNoun(tokens, negator);
  });
  const generic = genericNegations(tokens, answering);
  // A bare ない already counted as the negator of a generic negation is not a second "no".
  const kept = answering.filter((m) => !(m.end - m.start === 1 && generic.negators.has(m.start)));
  const t = tally(kept, tokens);
  const explicit = ORDER.some((k) => (t.scores[k] ?? 0) > 0);
  const complaintStrength = (complaint.scores.giftcard ?? 0) + (complaint.scores.account ?? 0);
  if (generic.words.length > 0) {
    t.scores.no = (t.scores.no ?? 0) + settings.negatedPredicate;
    t.sources.set('no', [
      ...(t.sources.get('no') ?? []),
      ...generic.words.map((w): [string, number] => [w, 1]),
    ]);
  } else if (!explicit && complaintStrength < settings.affirmedOverrides) {
    const closing = closingAffirmed(tokens);
    // A statement verb said alone restates the question (買った: yes, I bought it there).
    const alone = closing !== null && tokens.slice(0, closing.start).every((token) => token.pos === '記号');
    if (closing && (alone || !statements.some((m) => m.start < closing.end && m.end > closing.start))) {
      const words = tokens
        .slice(closing.start, closing.close)
        .filter((token) => token.pos !== '記号')
        .map((token) => token.surface)
        .join('');
      t.scores.yes = (t.scores.yes ?? 0) + settings.affirmedPredicate;
      t.sources.set('yes', [...(t.sources.get('yes') ?? []), [words, 1]]);
    }
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
  if (!explicit && answer === 'no' && complaintStrength >= settings.complaintOverrides) answer = 'other';
  // 記憶にないけど、あったかも…わからん: saying both and then that one doesn't know is not sure.
  if ((t.scores.yes ?? 0) > 0 && (t.scores.no ?? 0) > 0 && (t.scores.unsure ?? 0) >= settings.minScore) {
    answer = 'unsure';
  }
  const evidence = answer === 'other' ? side : [...evidenceFor(t, [answer]), ...side];
  return { answer, wantsHuman, restart, evidence };
}
