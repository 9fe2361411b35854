/**
 * The first reading of a complaint: which branch (gift card code, account balance, something else,
 * or can't tell) and which cause, from weighted lexicon terms. Pure: tokens and matches in, a
 * ComplaintReading out.
 *
 * confidence: for giftcard/account it grows with the lead over the other branch (1 - e^(-lead/2)),
 * halved when the branch words left it open and a cause of one branch only settled it;
 * for unclear it is how evenly both sides are supported; for other it is how much of the signal was
 * off-topic (0 for an empty text, 0.5 when nothing at all was recognised).
 */
import type { Branch, CauseId } from '../core/domain.ts';
import type { ComplaintReading } from '../core/ports.ts';
import { CAUSES_BY_BRANCH } from './causeBranches.ts';
import { evidenceFor, type Tally } from './evidence.ts';

export interface ComplaintSettings {
  /** Below this much gift card / balance signal, a text is not a complaint we handle. */
  minDomain: number;
  /** Giftcard and account closer than this: unclear. */
  unclearMargin: number;
  /** A cause needs at least this score to be named. */
  minCause: number;
  /** Off-topic wins when its score reaches this share of the domain score. */
  otherOverDomain: number;
  /**
   * The same share when nothing names gift card money (no topic word: 注文した商品が届かない):
   * an order or a refund alone is more likely another matter.
   */
  otherUnanchored: number;
  /**
   * A cause that belongs to one branch only (code_stolen, account_hacked...) settles the branch
   * that the branch words leave open when it leads the other branch's causes by this much.
   */
  causeDecides: number;
  /** Takeover signs this strong keep an English-only text ours (someone hacked my account). */
  takeover: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
// Words of English that romaji Japanese (gifutoken no kodo tsukaenai, kigen kireta) never has.
const ENGLISH = /\b(?:my|is|the|how|where|what|does|doesn't|isn't|can't|cannot|i|it|are|was|this|do)\b/i;

/**
 * A text in English alone is not a complaint the bot handles (the labelling rule: the bot speaks
 * Japanese), unless it names a takeover, which is urgent in any language. Romaji Japanese is read.
 */
function englishOnly(text: string): boolean {
  return !JAPANESE.test(text) && ENGLISH.test(text);
}
const grow = (x: number) => 1 - Math.exp(-x / 2);

const ONLY_IN = {
  giftcard: CAUSES_BY_BRANCH.giftcard.filter(
    (c) => !(CAUSES_BY_BRANCH.account as readonly string[]).includes(c),
  ),
  account: CAUSES_BY_BRANCH.account.filter(
    (c) => !(CAUSES_BY_BRANCH.giftcard as readonly string[]).includes(c),
  ),
};

/** The branch whose own causes clearly lead (誰かに先に使われてる: only a code is stolen), or null. */
function branchByCause(
  t: Tally,
  settings: ComplaintSettings,
): { branch: 'giftcard' | 'account'; lead: number } | null {
  const best = (causes: readonly CauseId[]) => Math.max(0, ...causes.map((c) => t.scores[c] ?? 0));
  const g = best(ONLY_IN.giftcard);
  const a = best(ONLY_IN.account);
  if (Math.max(g, a) < settings.minCause || Math.abs(g - a) < settings.causeDecides) return null;
  return { branch: g > a ? 'giftcard' : 'account', lead: Math.abs(g - a) };
}

function pickCause(branch: Branch, t: Tally, minCause: number): CauseId | null {
  let best: CauseId | null = null;
  let bestScore = minCause - 1e-9;
  for (const cause of CAUSES_BY_BRANCH[branch]) {
    const score = t.scores[cause] ?? 0;
    if (score > bestScore) {
      best = cause;
      bestScore = score;
    }
  }
  return best;
}

export function classifyComplaint(text: string, t: Tally, settings: ComplaintSettings): ComplaintReading {
  const s = (key: string) => Math.max(0, t.scores[key] ?? 0);
  const g = s('giftcard');
  const a = s('account');
  const o = s('other');
  const domain = g + a + s('topic');

  const other = (confidence: number): ComplaintReading => ({
    text,
    branch: 'other',
    cause: null,
    confidence: round(confidence),
    evidence: evidenceFor(t, ['other']),
  });
  const decided = (by: { branch: 'giftcard' | 'account'; lead: number }): ComplaintReading => {
    const cause = pickCause(by.branch, t, settings.minCause);
    return {
      text,
      branch: by.branch,
      cause,
      confidence: round(grow(by.lead) / 2),
      evidence: evidenceFor(t, cause ? [cause, by.branch] : [by.branch]),
    };
  };
  if (text.trim() === '') return other(0);
  if (englishOnly(text) && s('takeover') < settings.takeover) return other(1);
  const share = s('topic') > 0 ? settings.otherOverDomain : settings.otherUnanchored;
  if (o > 0 && o >= domain * share) return other(o / (o + domain));
  const byCause = domain > 0 ? branchByCause(t, settings) : null;
  if (domain < settings.minDomain) return byCause ? decided(byCause) : other(o > 0 ? 1 : 0.5);

  const lead = Math.abs(g - a);
  if (lead < settings.unclearMargin) {
    if (byCause) return decided(byCause);
    return {
      text,
      branch: 'unclear',
      cause: pickCause('unclear', t, settings.minCause),
      confidence: round(grow(domain) * (1 - lead / settings.unclearMargin)),
      evidence: evidenceFor(t, ['topic', 'giftcard', 'account']),
    };
  }
  const branch = g > a ? 'giftcard' : 'account';
  const cause = pickCause(branch, t, settings.minCause);
  return {
    text,
    branch,
    cause,
    confidence: round(grow(lead)),
    evidence: evidenceFor(t, cause ? [branch, cause] : [branch]),
  };
}
