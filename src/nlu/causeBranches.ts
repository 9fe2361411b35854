/** Which causes belong to which branch (domain.md): the account branch also checks expired and fraud_frozen. */
import type { CauseId } from '../core/domain.ts';

export const CAUSES_BY_BRANCH = {
  giftcard: ['expired', 'fraud_frozen', 'code_stolen', 'already_redeemed', 'system_error', 'input_error'],
  account: [
    'auto_applied',
    'pending_order',
    'cancel_refund_delay',
    'account_hacked',
    'expired',
    'fraud_frozen',
  ],
  // "can't tell code from account": only a cause both branches share can be named.
  unclear: ['expired', 'fraud_frozen'],
  other: [],
} as const satisfies Record<string, readonly CauseId[]>;

export function causeFitsBranch(branch: keyof typeof CAUSES_BY_BRANCH, cause: CauseId): boolean {
  return (CAUSES_BY_BRANCH[branch] as readonly CauseId[]).includes(cause);
}
