/**
 * Masks secrets in a user's text before it is stored, logged or handed to an agent. Errs towards
 * masking: a few harmless numbers masked costs less than one card number kept.
 */
import { findGiftCodes, foldWidth } from './giftCodes.ts';

export type RedactionKind = 'gift_code' | 'password' | 'email' | 'card_number';

export const REDACTION_MASKS: Readonly<Record<RedactionKind, string>> = {
  gift_code: '[ギフト券番号]',
  password: '[パスワード]',
  email: '[メールアドレス]',
  card_number: '[カード番号]',
};

interface Span {
  start: number;
  end: number;
}

// Every detector reads the width-folded text: same length, so its offsets fit the original.
type Detector = (folded: string, original: string) => Span[];

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/y;

// The keyword, then what people put between it and the secret, then the secret: printable ASCII
// (full-width already folded), so "パスワードを変更した" keeps its words. The separators are matched
// atomically (lookahead and back-reference), so a second pass cannot start the secret at a separator
// ("is", ":") left in front of a mask: that keeps redaction idempotent.
const PASSWORD = new RegExp(
  '(?:(?<![A-Za-z0-9])(?:password|passwd|pass|pw|pin)(?![A-Za-z0-9])|パスワード|ﾊﾟｽﾜｰﾄﾞ|パスコード|暗証番号)' +
    `(?=(?<sep>(?:[\\s:=,'"(「『【、]|は|を|が|も|is(?![A-Za-z]))*))\\k<sep>(?<secret>[!-~]{3,})`,
  'gi',
);

// Digits glued to letters belong to a longer token (an ID, or a code the gift-code stage judged):
// masking only the digits would leave the letters to be read as something else on a second pass.
const DIGIT_CHAIN =
  /(?<![0-9A-Za-z])[0-9]+(?:(?:[ \t\u00A0]?[-\u2010-\u2015\u2212\u30FC\uFF70][ \t\u00A0]?|[ \t\u00A0])[0-9]+)*(?![0-9A-Za-z])/g;

/**
 * Grows each @ leftwards and rightwards rather than matching a regex from every position: linear
 * in the text, and a second pass cannot find an address the first pass did not.
 */
function emails(folded: string): Span[] {
  const spans: Span[] = [];
  let floor = 0;
  for (let at = folded.indexOf('@'); at >= 0; at = folded.indexOf('@', at + 1)) {
    let start = at;
    while (start > floor && EMAIL_LOCAL.test(folded[start - 1] ?? '')) start--;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const domain = EMAIL_DOMAIN.exec(folded);
    if (start === at || !domain) continue;
    floor = at + 1 + domain[0].length;
    spans.push({ start, end: floor });
  }
  return spans;
}

function giftCodes(_folded: string, original: string): Span[] {
  return findGiftCodes(original).map(({ start, end }) => ({ start, end }));
}

function passwords(folded: string): Span[] {
  return [...folded.matchAll(PASSWORD)].map((m) => {
    const secret = m.groups?.secret ?? '';
    const end = m.index + m[0].length;
    return { start: end - secret.length, end };
  });
}

/**
 * 13 to 19 digits in one run, or in groups of at most 6 digits not starting with 0. Order numbers
 * (250-1234567-1234567) have 7-digit groups and phone numbers start with 0, so both stay.
 */
function isCardWindow(groups: string[]): boolean {
  const total = groups.reduce((n, g) => n + g.length, 0);
  if (total < 13 || total > 19) return false;
  if (groups.length === 1) return true;
  return !groups[0]?.startsWith('0') && groups.every((g) => g.length <= 6);
}

function cardNumbers(folded: string): Span[] {
  const spans: Span[] = [];
  for (const chain of folded.matchAll(DIGIT_CHAIN)) {
    const groups = [...chain[0].matchAll(/[0-9]+/g)].map((g) => ({
      text: g[0],
      start: chain.index + g.index,
      end: chain.index + g.index + g[0].length,
    }));
    let i = 0;
    while (i < groups.length) {
      let best = -1;
      for (let j = i; j < groups.length && j - i < 19; j++) {
        if (isCardWindow(groups.slice(i, j + 1).map((g) => g.text))) best = j;
      }
      if (best < 0) {
        i++;
        continue;
      }
      spans.push({ start: groups[i]?.start ?? 0, end: groups[best]?.end ?? 0 });
      i = best + 1;
    }
  }
  return spans;
}

// Order matters: an e-mail address would otherwise lose its local part to a code or a card
// number, and a card number typed after "パスワード" would lose only its first group.
const STAGES: ReadonlyArray<[RedactionKind, Detector]> = [
  ['email', emails],
  ['gift_code', giftCodes],
  ['card_number', cardNumbers],
  ['password', passwords],
];

function mask(text: string, spans: Span[], replacement: string): string {
  let out = '';
  let at = 0;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    out += text.slice(at, start) + replacement;
    at = end;
  }
  return out + text.slice(at);
}

/** Masks gift card codes, passwords, e-mail addresses and card numbers; the rest is kept as is. */
export function redact(text: string): { text: string; found: RedactionKind[] } {
  if (typeof text !== 'string') return { text: '', found: [] };
  try {
    let out = text;
    const found: RedactionKind[] = [];
    for (const [kind, detect] of STAGES) {
      const spans = detect(foldWidth(out), out);
      if (spans.length === 0) continue;
      out = mask(out, spans, REDACTION_MASKS[kind]);
      found.push(kind);
    }
    return { text: out, found };
  } catch {
    // Never reached by any known input; if it ever is, losing the text beats leaking a secret.
    return { text: '[非表示]', found: [] };
  }
}
