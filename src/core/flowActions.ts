/**
 * The actions a flow file can name in `do`. Each returns the context changes it makes; the machine
 * applies them. `params` lists the values a parameterised action accepts.
 */
import { CARD_TYPES, type CardType, isCauseId } from './domain.ts';
import { expiryRange, expiryVerdict, RULE_DATE } from './expiry.ts';
import { type FlowContext, type FlowEvent, initialContext } from './flowContext.ts';
import { ratingIn } from './flowGuards.ts';

type Change = Partial<FlowContext>;

interface FlowAction {
  /** Allowed parameter values; absent: the action takes no parameter. */
  params?: readonly string[];
  run(context: FlowContext, event: FlowEvent, param: string | undefined): Change;
  /** Asks the engine to open a handoff ticket. */
  handoff?: boolean;
  /** Tells the handoff service the user's rating. */
  rating?: (event: FlowEvent) => number | null;
}

function withExpiry(context: FlowContext, change: Change, today: string): Change {
  const issue = change.issue !== undefined ? change.issue : context.issue;
  const cardType = change.cardType !== undefined ? change.cardType : context.cardType;
  return {
    ...change,
    expiry: issue ? expiryRange(issue, cardType) : null,
    expiryVerdict: expiryVerdict(issue, cardType, today),
  };
}

/** The user's day (only user events carry it; the actions that need it follow user events). */
function todayOf(event: FlowEvent): string {
  return 'today' in event ? event.today : '';
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const FLOW_ACTIONS: Record<string, FlowAction> = {
  note_complaint: {
    run(context, event) {
      if (event.type !== 'user.text') return {};
      const { complaint, codes } = event.reading;
      const troubled = codes.filter((c) => c.confusables.length > 0 || c.fullWidth || !c.plausibleLength);
      const confusables = [...new Set(troubled.flatMap((c) => c.confusables))];
      const codeIssue = troubled.some((c) => c.fullWidth || !c.plausibleLength);
      const branch =
        complaint.branch === 'giftcard' || complaint.branch === 'account' ? complaint.branch : null;
      return {
        branch: branch ?? context.branch,
        suspected: complaint.cause ?? (troubled.length > 0 ? 'input_error' : context.suspected),
        // The first complaint stays: later words add evidence, not a new story.
        complaint: context.complaint ?? event.text,
        evidence: complaint.evidence,
        confusables,
        codeIssue,
      };
    },
  },
  set_branch: {
    params: ['giftcard', 'account'],
    run: (_c, _e, param) => ({ branch: param === 'account' ? 'account' : 'giftcard' }),
  },
  reset: { run: () => initialContext() },
  set_issue: {
    params: ['after', 'before'],
    run(context, event, param) {
      const issue =
        param === 'after'
          ? { from: RULE_DATE, to: todayOf(event) }
          : { from: '2000-01-01', to: dayBefore(RULE_DATE) };
      return withExpiry(context, { issue }, todayOf(event));
    },
  },
  note_issue_date: {
    run(context, event) {
      if (event.type !== 'user.text' || !event.reading.date) return {};
      return withExpiry(context, { issue: event.reading.date }, todayOf(event));
    },
  },
  set_card_type: {
    params: CARD_TYPES,
    run: (context, event, param) =>
      withExpiry(
        context,
        { cardType: (CARD_TYPES as readonly string[]).includes(param ?? '') ? (param as CardType) : null },
        todayOf(event),
      ),
  },
  note_card_type: {
    run(context, event) {
      if (event.type !== 'user.text' || !event.reading.cardType) return {};
      return withExpiry(context, { cardType: event.reading.cardType }, todayOf(event));
    },
  },
  note_rating: {
    run: () => ({}),
    rating: (event) =>
      event.type === 'user.choice'
        ? ratingIn(event.choice)
        : event.type === 'user.text'
          ? ratingIn(event.reading.complaint.text)
          : null,
  },
  open_handoff: {
    run: (context) => ({ urgent: context.urgent || context.cause === 'account_hacked' }),
    handoff: true,
  },
};

/** Applies the entry of a diagnosis state: the cause is now the one given to the user. */
export function diagnose(context: FlowContext, cause: string): Change {
  if (!isCauseId(cause)) return {};
  return { cause, urgent: context.urgent || cause === 'account_hacked' };
}
