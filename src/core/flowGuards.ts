/**
 * The conditions a flow file can name in `when`. Text conditions read the NLU reading of the
 * user's message; the others read what the conversation already knows.
 */
import { RULE_DATE } from './expiry.ts';
import type { FlowContext, FlowEvent } from './flowContext.ts';
import type { Reading } from './ports.ts';

/** A rating of 1 to 5 written in the text ("4", "４です", "星5"), or null. */
export function ratingIn(text: string): number | null {
  const m = text.normalize('NFKC').match(/(?<![0-9])([1-5])(?![0-9])/);
  return m ? Number(m[1]) : null;
}

type TextCondition = (r: Reading) => boolean;

const TEXT_CONDITIONS: Record<string, TextCondition> = {
  yes: (r) => r.answer.answer === 'yes',
  no: (r) => r.answer.answer === 'no',
  unsure: (r) => r.answer.answer === 'unsure',
  wants_human: (r) => r.answer.wantsHuman,
  restart: (r) => r.answer.restart,
  takeover: (r) => r.takeover,
  off_topic: (r) => r.offTopic,
  greeting_only: (r) => r.greetingOnly,
  branch_giftcard: (r) => r.complaint.branch === 'giftcard',
  branch_account: (r) => r.complaint.branch === 'account',
  branch_unclear: (r) => r.complaint.branch === 'unclear',
  branch_other: (r) => r.complaint.branch === 'other',
  has_date: (r) => r.date !== null,
  issued_on_or_after_rule: (r) => r.date !== null && r.date.from >= RULE_DATE,
  has_card_type: (r) => r.cardType !== null,
  any_text: () => true,
  rating_given: (r) => ratingIn(r.complaint.text) !== null,
};

const CONTEXT_CONDITIONS: Record<string, (c: FlowContext) => boolean> = {
  expiry_passed: (c) => c.expiryVerdict === 'passed',
  expiry_valid: (c) => c.expiryVerdict === 'valid',
};

export const CONDITION_NAMES = [...Object.keys(TEXT_CONDITIONS), ...Object.keys(CONTEXT_CONDITIONS)];
/** Conditions that only a user's free text can meet: meaningless in a `decide` state. */
export const TEXT_CONDITION_NAMES = Object.keys(TEXT_CONDITIONS);

export function checkCondition(name: string, context: FlowContext, event: FlowEvent): boolean {
  const onContext = CONTEXT_CONDITIONS[name];
  if (onContext) return onContext(context);
  const onText = TEXT_CONDITIONS[name];
  return onText !== undefined && event.type === 'user.text' && onText(event.reading);
}
