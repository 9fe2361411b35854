/**
 * Finds Amazon gift card codes (and near misses) in free Japanese text, so that the NLU can spot an
 * input error and redaction can mask the code before anything is stored.
 */
import type { CodeFinding } from './ports.ts';

const MIN_PLAUSIBLE = 14;
const MAX_PLAUSIBLE = 16;
// A code the user mistyped by a character or two still has to be masked and can be pointed out.
const MIN_NEAR = 12;
const MAX_NEAR = 18;

/**
 * Full-width ASCII and the ideographic space become their half-width forms. One code unit in, one
 * out, so offsets found in the result are offsets in the original text.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Hyphen look-alikes people type between groups: katakana long-vowel marks, minus, dashes.
const DASH = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF70\uFE63';
const STRONG_GAP = new RegExp(`^[ \\t\\u00A0]{0,2}[${DASH}]{1,2}[ \\t\\u00A0]{0,2}$`);
const WEAK_GAP = /^[ \t\u00A0]{1,3}$/;

// Words that sit next to a code in a sentence; a space must not glue them to it.
const STOPWORDS = new Set(
  'amazon gift card code giftcard the and this that my your is are was not yes pass password email mail please check thanks thank help error balance here'.split(
    ' ',
  ),
);

// Order numbers (D01-1234567-1234567) and tracking numbers (TBA123456789012) have this shape; a
// random code almost never does.
const ID_SHAPED = /^[A-Z]{1,3}\d+$|^\d+[A-Z]{1,3}$/;

const CONFUSABLES: ReadonlyArray<[string, RegExp]> = [
  ['O/0', /[Oo0]/],
  // A lower-case l reads as I or 1; an upper-case L does not.
  ['I/1', /[Ii1l]/],
  ['Z/2', /[Zz2]/],
  ['S/5', /[Ss5]/],
  ['B/8', /[Bb8]/],
];

interface Group {
  start: number;
  end: number;
  text: string;
  /** Joined to the next group by a hyphen (true) or by spaces only (false). */
  strongNext: boolean;
}

/** Letters-only groups in a space-split code must not look like ordinary words. */
function canJoinBySpace(text: string): boolean {
  if (text.length < 3 || text.length > 7) return false;
  if (/\d/.test(text)) return true;
  const mixedCase = /[a-z]/.test(text) && /[A-Z]/.test(text);
  return !mixedCase && !STOPWORDS.has(text.toLowerCase());
}

function chains(folded: string): Group[][] {
  const result: Group[][] = [];
  let chain: Group[] = [];
  for (const m of folded.matchAll(/[A-Za-z0-9]+/g)) {
    const group: Group = { start: m.index, end: m.index + m[0].length, text: m[0], strongNext: false };
    const prev = chain[chain.length - 1];
    if (prev) {
      const gap = folded.slice(prev.end, group.start);
      if (STRONG_GAP.test(gap)) {
        prev.strongNext = true;
      } else if (!(WEAK_GAP.test(gap) && canJoinBySpace(prev.text) && canJoinBySpace(group.text))) {
        result.push(chain);
        chain = [];
      }
    }
    chain.push(group);
  }
  if (chain.length > 0) result.push(chain);
  return result;
}

interface Candidate {
  start: number;
  end: number;
  normalized: string;
  score: number;
  lettersOnlyGroups: number;
}

function candidatesIn(chain: Group[]): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < chain.length; i++) {
    let normalized = '';
    let lettersOnlyGroups = 0;
    for (let j = i; j < chain.length; j++) {
      const group = chain[j] as Group;
      normalized += group.text.toUpperCase();
      if (!/\d/.test(group.text)) lettersOnlyGroups++;
      if (normalized.length > MAX_NEAR) break;
      if (normalized.length < MIN_NEAR) continue;
      if (!/\d/.test(normalized) || !/[A-Z]/.test(normalized) || ID_SHAPED.test(normalized)) continue;
      const plausible = normalized.length >= MIN_PLAUSIBLE && normalized.length <= MAX_PLAUSIBLE;
      // A window that cuts a hyphenated unit in two would leave part of what the user typed as one
      // thing unmasked: the whole unit wins even over a window of a plausible length.
      const clean = (i === 0 || !chain[i - 1]?.strongNext) && !group.strongNext;
      found.push({
        start: chain[i]?.start ?? 0,
        end: group.end,
        normalized,
        score: (clean ? 2 : 0) + (plausible ? 1 : 0),
        lettersOnlyGroups,
      });
    }
  }
  return found;
}

export function findGiftCodes(text: string): CodeFinding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const folded = foldWidth(text);
  const candidates = chains(folded).flatMap(candidatesIn);
  candidates.sort(
    (a, b) => b.score - a.score || a.lettersOnlyGroups - b.lettersOnlyGroups || a.start - b.start,
  );
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.every((o) => c.end <= o.start || c.start >= o.end)) chosen.push(c);
  }
  chosen.sort((a, b) => a.start - b.start);
  return chosen.map(({ start, end, normalized }) => {
    const span = folded.slice(start, end);
    return {
      start,
      end,
      normalized,
      confusables: CONFUSABLES.filter(([, re]) => re.test(span)).map(([name]) => name),
      fullWidth: /[\uFF01-\uFF5E]/.test(text.slice(start, end)),
      plausibleLength: normalized.length >= MIN_PLAUSIBLE && normalized.length <= MAX_PLAUSIBLE,
    };
  });
}
