/** The vocabulary of domain.md: branches, causes, what a question can ask, card types. */

export const CAUSE_IDS = [
  'expired',
  'fraud_frozen',
  'code_stolen',
  'already_redeemed',
  'system_error',
  'input_error',
  'auto_applied',
  'pending_order',
  'cancel_refund_delay',
  'account_hacked',
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

export const BRANCHES = ['giftcard', 'account', 'other', 'unclear'] as const;
/** What a free-text answer to a check question says (every check is phrased so yes confirms). */
export const ANSWER_KINDS = ['yes', 'no', 'unsure', 'other'] as const;
export type Branch = (typeof BRANCHES)[number];
/** The branch a conversation settles on: only the two real branches, or not yet decided. */
export type SettledBranch = 'giftcard' | 'account' | null;

export const NON_CAUSE_ASKS = [
  'rating',
  'branch',
  'issue_date',
  'card_type',
  'resolved',
  'handoff',
  'free_text',
] as const;
export type Asks = CauseId | (typeof NON_CAUSE_ASKS)[number];

/** Card types of the pre-2017-04-24 expiry rule. */
export const CARD_TYPES = ['email', 'card', 'sheet', 'corporate'] as const;
export type CardType = (typeof CARD_TYPES)[number];

export const OUTCOMES = ['open', 'resolved', 'handoff', 'out_of_scope'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isCauseId(value: unknown): value is CauseId {
  return typeof value === 'string' && (CAUSE_IDS as readonly string[]).includes(value);
}

export function isAsks(value: unknown): value is Asks {
  return (
    isCauseId(value) || (typeof value === 'string' && (NON_CAUSE_ASKS as readonly string[]).includes(value))
  );
}
