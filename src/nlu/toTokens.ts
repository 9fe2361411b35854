/**
 * kuromoji tokens → the NLU's own tokens: a canonical lemma (base form, lemma synonyms applied)
 * and, for each predicate, the index of the negator that negates it (登録 し て い ない → 4).
 */
import type { RawToken } from './tokenizer.ts';

export interface NluToken {
  surface: string;
  lemma: string;
  pos: string;
  pos1: string;
  /** Index of the token that negates this one, or -1. */
  negatedBy: number;
  isNegator: boolean;
  /** Particles and spaces may be skipped inside a multi-token term (ギフト券 の 残高). */
  skippable: boolean;
  /**
   * Tense, politeness and aspect (た, ます, です, だ, ている, てある, しまう, はず): inside a term they
   * may differ (チャージした残高 / チャージしてあった残高). Never a negator, passive, wish or condition.
   */
  auxiliary: boolean;
}

export interface NegationRules {
  negators: Set<string>;
  bridges: Set<string>;
}

const NEGATOR_POS = new Set(['助動詞', '形容詞']);
const TENSE_AUXILIARIES = new Set(['た', 'ます', 'です', 'だ']);
// Nouns that are not predicates cannot be negated (残高がない is "no balance", not "not balance").
const PLAIN_NOUN = new Set(['一般', '固有名詞', '数', '代名詞', '接尾', '副詞可能']);

export function isNegatable(token: NluToken): boolean {
  if (token.isNegator) return false;
  if (token.pos === '名詞') return !PLAIN_NOUN.has(token.pos1);
  return token.pos === '動詞' || token.pos === '形容詞' || token.pos === '副詞' || token.pos === '形容動詞';
}

function isBridge(token: NluToken, rules: NegationRules): boolean {
  if (rules.bridges.has(token.lemma)) return true;
  // Words written apart (おぼえて いません, つかえ ません) are still one predicate.
  if (token.pos === '記号' && token.pos1 === '空白') return true;
  if (token.pos === '助動詞') return true;
  if (token.pos === '動詞' && (token.pos1 === '非自立' || token.pos1 === '接尾')) return true;
  return token.pos === '名詞' && token.pos1 === '非自立' && token.lemma !== 'ん';
}

/**
 * ありません, あらへん: the verb ある with a negator is the word ない, so that 覚えはありません reads
 * like 覚えはない and 正しくありません like 正しくない. The ある becomes the negator; the ん it
 * stood for is left as a plain auxiliary, so nothing is negated twice.
 */
function foldPoliteNegation(tokens: NluToken[]): void {
  tokens.forEach((token, i) => {
    // The humble ござる (ございません) is ある too; kuromoji tags it an auxiliary after は.
    const aru = token.lemma === 'ある' && token.pos === '動詞' && token.pos1 === '自立';
    const gozaru = token.lemma === 'ござる' && (token.pos === '動詞' || token.pos === '助動詞');
    if (!aru && !gozaru) return;
    let j = i + 1;
    while (tokens[j]?.lemma === 'ます') j++;
    const negator = tokens[j];
    if (!negator?.isNegator) return;
    negator.isNegator = false;
    token.lemma = 'ない';
    token.isNegator = true;
  });
}

// Negation auxiliaries other than ない: classic and western ん/ぬ, Kansai へん/ひん, Kanto ねえ.
const NEGATOR_SPELLINGS = new Set(['ん', 'ぬ', 'へん', 'ひん', 'ねえ']);

/**
 * 知らん, 使えへん and 使えねえ say 知らない, 使えない: the negator takes the lemma ない so that a
 * term written with ない (知らないうちに, 覚えがない) matches every dialect's negation.
 */
function foldNegatorSpellings(tokens: NluToken[]): void {
  for (const token of tokens) {
    if (token.isNegator && NEGATOR_SPELLINGS.has(token.lemma)) token.lemma = 'ない';
  }
}

/**
 * A ん after a verb's dictionary form is the Kansai question particle の (届くん？, 聞くん): the
 * negation follows the irrealis stem (届かん, 知らん).
 */
function isQuestionN(raw: RawToken[], i: number): boolean {
  const before = raw[i - 1];
  return raw[i]?.surface_form === 'ん' && before?.pos === '動詞' && before.conjugated_form === '基本形';
}

/**
 * The western progressive (消えとる, 入れとった, 切れとらん) after a continuative stem: kuromoji reads
 * its とる as the verb 取る. It is the auxiliary of 消えてる.
 */
function isProgressiveToru(raw: RawToken[], i: number): boolean {
  const t = raw[i];
  const before = raw[i - 1];
  return (
    t?.pos === '動詞' &&
    t.basic_form === 'とる' &&
    t.surface_form.startsWith('と') &&
    before?.pos === '動詞' &&
    before.conjugated_form.startsWith('連用')
  );
}

/**
 * んだ opening a text or a sentence is the northern "yes" (んだ, んだんだ), not the explanatory
 * のだ that closes one (使えないんだ).
 */
function isOpeningNda(raw: RawToken[], i: number): boolean {
  const before = raw[i - 1];
  return (
    raw[i]?.surface_form === 'ん' &&
    raw[i + 1]?.basic_form === 'だ' &&
    (before === undefined || before.pos === '記号')
  );
}

/**
 * Before です (覚えとらんです, 知らんです) kuromoji reads the negator ん as the nominal ん; after a
 * verb's irrealis stem it can only be the negation.
 */
function isNounReadNegation(raw: RawToken[], i: number): boolean {
  const t = raw[i];
  const before = raw[i - 1];
  return (
    t?.surface_form === 'ん' &&
    t.pos === '名詞' &&
    (before?.pos === '動詞' || before?.pos === '助動詞') &&
    before.conjugated_form === '未然形'
  );
}

// Auxiliary verbs after て that kuromoji reads as independent once a space comes between
// (おぼえて いません, いれて しまった, もどって おりません: おりる there is the humble おる).
const SPACED_AUXILIARIES: Record<string, string> = {
  いる: 'いる',
  おる: 'おる',
  おりる: 'おる',
  しまう: 'しまう',
  ある: 'ある',
  おく: 'おく',
  みる: 'みる',
  いく: 'いく',
  くる: 'くる',
  くれる: 'くれる',
  もらう: 'もらう',
  くださる: 'くださる',
  いただく: 'いただく',
};

/** The auxiliary a verb written after て and a space stands for, or null. */
function spacedAuxiliary(raw: RawToken[], i: number): string | null {
  const t = raw[i];
  const space = raw[i - 1];
  const te = raw[i - 2];
  if (t?.pos !== '動詞' || t.pos_detail_1 !== '自立') return null;
  if (space?.pos !== '記号' || space.pos_detail_1 !== '空白') return null;
  if (
    te?.pos !== '助詞' ||
    te.pos_detail_1 !== '接続助詞' ||
    (te.surface_form !== 'て' && te.surface_form !== 'で')
  ) {
    return null;
  }
  return SPACED_AUXILIARIES[t.basic_form] ?? null;
}

// Case and topic particles that kuromoji reads as conjunctions once a space comes before them
// (電話 で 話せます, 残高 が ない).
const SPACED_PARTICLES = new Set(['が', 'で', 'を', 'に', 'と', 'は', 'も', 'の', 'へ']);

/** A particle written after a noun and a space, which kuromoji read as a conjunction. */
function isSpacedParticle(raw: RawToken[], i: number): boolean {
  const t = raw[i];
  const space = raw[i - 1];
  return (
    t?.pos === '接続詞' &&
    SPACED_PARTICLES.has(t.surface_form) &&
    space?.pos === '記号' &&
    space.pos_detail_1 === '空白' &&
    raw[i - 2]?.pos === '名詞'
  );
}

function plainToken(t: RawToken, lemma: string): NluToken {
  return {
    surface: t.surface_form,
    lemma,
    pos: t.pos,
    pos1: t.pos_detail_1,
    negatedBy: -1,
    isNegator: false,
    skippable: false,
    auxiliary: false,
  };
}

function auxiliaryToru(t: RawToken): NluToken {
  return { ...plainToken(t, 'aux:とる'), pos1: '非自立', auxiliary: true };
}

export function toTokens(
  raw: RawToken[],
  lemmaSynonyms: Map<string, string>,
  rules: NegationRules,
): NluToken[] {
  const tokens: NluToken[] = raw.map((t, i): NluToken => {
    const base = t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form;
    if (isProgressiveToru(raw, i)) return auxiliaryToru(t);
    const spaced = spacedAuxiliary(raw, i);
    if (spaced) return { ...plainToken(t, `aux:${spaced}`), pos1: '非自立', auxiliary: true };
    if (isSpacedParticle(raw, i))
      return { ...plainToken(t, t.surface_form), pos: '助詞', pos1: '格助詞', skippable: true };
    if (isOpeningNda(raw, i)) return plainToken(t, 'うん');
    // The Kansai adjective ええ (もうええわ, それでええ) is いい ("enough"), not the yes ええ.
    if (t.pos === '形容詞' && base === 'ええ') return plainToken(t, 'いい');
    // The conditional たら (登録したら) is not the past た (登録した): a term never reads one as the other.
    const conditional = t.pos === '助動詞' && (t.surface_form === 'たら' || t.surface_form === 'だら');
    // Auxiliary verbs keep apart from their independent twins: the ちゃう of 押しちゃった is not
    // the Kansai ちゃう ("no").
    const lemma = conditional
      ? 'たら'
      : t.pos === '動詞' && t.pos_detail_1 === '非自立'
        ? `aux:${base}`
        : (lemmaSynonyms.get(base) ?? base);
    return {
      surface: t.surface_form,
      lemma,
      pos: t.pos,
      pos1: t.pos_detail_1,
      negatedBy: -1,
      // なう after a noun is the slang "now" (凍結なう), which kuromoji reads as ない.
      isNegator:
        (rules.negators.has(lemma) &&
          NEGATOR_POS.has(t.pos) &&
          t.surface_form !== 'なう' &&
          !isQuestionN(raw, i)) ||
        isNounReadNegation(raw, i),
      skippable: t.pos === '助詞' || (t.pos === '記号' && t.pos_detail_1 === '空白'),
      auxiliary:
        (t.pos === '助動詞' && TENSE_AUXILIARIES.has(lemma)) ||
        (t.pos === '動詞' && t.pos_detail_1 === '非自立') ||
        // 登録したはずの残高 is still the registered balance.
        (t.pos === '名詞' && t.pos_detail_1 === '非自立' && lemma === 'はず'),
    };
  });
  foldPoliteNegation(tokens);
  foldNegatorSpellings(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.isNegator) continue;
    for (let j = i + 1; j < tokens.length; j++) {
      const next = tokens[j];
      if (!next) break;
      if (next.isNegator) {
        token.negatedBy = j;
        break;
      }
      if (!isBridge(next, rules)) break;
    }
  }
  return tokens;
}
