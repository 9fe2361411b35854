/**
 * Text normalisation shared by user texts and lexicon terms, so that both meet in the same form:
 * cut at MAX_TEXT_LENGTH, control and zero-width characters removed, NFKC (full/half width),
 * lower case, long-vowel and small-kana spelling variants, kanji numerals, then the dictionary's
 * spelling rewrites (Amazon / アマゾン, アマギフ / ギフトカード / ギフト券 ...).
 */
import { replaceKanjiNumbers } from './kanjiNumbers.ts';

/** Texts are cut here before anything else: a chat turn longer than this is not a complaint. */
export const MAX_TEXT_LENGTH = 2000;

export interface Rewrite {
  from: string;
  to: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// Emoji variation selectors and skin tones (👍🏻, ⭕️) change the look, not the word.
const EMOJI_MODIFIERS = /[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;
// Laughter written as a run of w after Japanese (押したわｗｗ) is like an emoji, not a word.
const LAUGHTER = /(?<=[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー！？])w+(?![a-z])/gu;
const LONG_VOWEL_LOOKALIKES = /(?<=[\u3041-\u30FF])[~〜～－−‐—―ｰ]+/g;
const REPEATED_LONG_VOWEL = /ー{2,}/g;
// A stretched ね (してねー, 使えねぇ) is spelled ねえ, so that kuromoji tells the colloquial negation
// (使えねえ: 使えない) from the sentence particle (そうだねえ) instead of both losing the stretch.
const STRETCHED_NE = /ね[ーぇ]+/g;
// In hiragana, ー only stretches a sound (はーい, でーす): dropping it gives the dictionary word.
// Not before ん: うーん and ふーん are hesitations, not うん ("yes").
const HIRAGANA_LONG_VOWEL = /(?<=[\u3041-\u3096])ー(?!ん)/g;
// A small っ closing a word is emphasis (はいっ, ないっ!).
const FINAL_SMALL_TSU = /[っッ]+(?=$|[\s、。!?！？,.…・ー〜~)）」』\p{Extended_Pictographic}])/gu;

const VOWEL_OF: Record<string, string> = {};
for (const [vowel, row] of Object.entries({
  あ: 'あかさたなはまやらわがざだばぱぁゃ',
  い: 'いきしちにひみりぎじぢびぴぃ',
  う: 'うくすつぬふむゆるぐずづぶぷぅゅ',
  え: 'えけせてねへめれげぜでべぺぇ',
  お: 'おこそとのほもよろをごぞどぼぽぉょ',
})) {
  for (const kana of row) VOWEL_OF[kana] = vowel;
}
const SMALL_VOWEL: Record<string, string> = { ぁ: 'あ', ぃ: 'い', ぅ: 'う', ぇ: 'え', ぉ: 'お' };
const STRETCHED = /([\u3041-\u3096])([ぁぃぅぇぉ]+)/g;

/** Cut at MAX_TEXT_LENGTH without splitting a surrogate pair. */
export function cutText(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const last = text.charCodeAt(MAX_TEXT_LENGTH - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
  return text.slice(0, end);
}

/** Everything except the dictionary rewrites: also used to compile the rewrites themselves. */
export function normalizeSpelling(text: string): string {
  return replaceKanjiNumbers(
    cutText(text)
      .replace(CONTROL, ' ')
      .replace(INVISIBLE, '')
      .replace(EMOJI_MODIFIERS, '')
      .normalize('NFKC')
      // kuromoji's dictionary knows ？ and ！ as symbols but reads ASCII ? and ! as nouns.
      .replace(/\?/g, '？')
      .replace(/!/g, '！')
      // NFKC makes … three dots, which kuromoji reads as a noun.
      .replace(/\.{2,}|・{2,}/g, '…')
      .toLowerCase()
      .replace(LAUGHTER, '')
      .replace(LONG_VOWEL_LOOKALIKES, 'ー')
      .replace(REPEATED_LONG_VOWEL, 'ー')
      .replace(STRETCHED_NE, 'ねえ')
      .replace(HIRAGANA_LONG_VOWEL, '')
      .replace(STRETCHED, (whole, kana: string, smalls: string) =>
        [...smalls].every((s) => SMALL_VOWEL[s] === VOWEL_OF[kana]) ? kana : whole,
      )
      .replace(FINAL_SMALL_TSU, ''),
  );
}

/** Compiles the dictionary rewrites into one pass, longest spelling first. */
export function compileRewrites(rewrites: Rewrite[]): (text: string) => string {
  const table = new Map<string, string>();
  for (const r of rewrites) {
    const from = normalizeSpelling(r.from);
    if (from && !table.has(from)) table.set(from, r.to);
  }
  // Each target also maps to itself, so that a shorter variant never eats into it (パスワ →
  // パスワード must leave パスワード alone, not make it パスワードード).
  for (const r of rewrites) {
    const to = normalizeSpelling(r.to);
    if (to && !table.has(to)) table.set(to, r.to);
  }
  if (table.size === 0) return (text) => text;
  const alternatives = [...table.keys()]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, (m) => table.get(m) ?? m);
}

export function normalizeText(text: string, rewrite: (text: string) => string): string {
  return rewrite(normalizeSpelling(text));
}
