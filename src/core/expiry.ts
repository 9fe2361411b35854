/**
 * Gift card expiry from the issue date and card type (domain.md): issued on or after 2017-04-24,
 * ten years whatever the type; before, e-mail 1, card 1, sheet 3, corporate 2 years.
 */
import type { CardType } from './domain.ts';
import type { DateRange } from './ports.ts';

export const RULE_DATE = '2017-04-24';
const YEARS_BEFORE_RULE: Record<CardType, number> = { email: 1, card: 1, sheet: 3, corporate: 2 };

export type ExpiryVerdict = 'passed' | 'valid' | 'unknown';

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February plus whole years lands on 1 March in a common year; the card expires the day before.
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

function yearsRange(from: string, to: string, cardType: CardType | null): [number, number] {
  if (from >= RULE_DATE) return [10, 10];
  const before = cardType ? [YEARS_BEFORE_RULE[cardType]] : Object.values(YEARS_BEFORE_RULE);
  const lo = Math.min(...before);
  const hi = to >= RULE_DATE ? 10 : Math.max(...before);
  return [lo, hi];
}

/** The range of possible expiry dates for a card issued within `issue`. */
export function expiryRange(issue: DateRange, cardType: CardType | null): DateRange {
  const [lo, hi] = yearsRange(issue.from, issue.to, cardType);
  return { from: addYears(issue.from, lo), to: addYears(issue.to, hi) };
}

/** Passed when even the latest possible expiry is before today; valid when the earliest is not. */
export function expiryVerdict(
  issue: DateRange | null,
  cardType: CardType | null,
  today: string,
): ExpiryVerdict {
  if (!issue) return 'unknown';
  const range = expiryRange(issue, cardType);
  if (range.to < today) return 'passed';
  if (range.from >= today) return 'valid';
  return 'unknown';
}
