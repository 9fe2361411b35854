import type { Ticket } from '../../src/handoff/ticket.ts';

/** A queued, untaken ticket from a LINE user about a gift card, with `extra` on top. */
export function makeTicket(extra: Partial<Ticket> = {}): Ticket {
  return {
    id: 'tk_01',
    conversationId: 'line:U1',
    channel: 'line',
    status: 'queued',
    createdAt: Date.UTC(2026, 11, 1, 3, 0),
    takenAt: null,
    closedAt: null,
    agent: null,
    summary: {
      branch: 'giftcard',
      complaint: 'ギフト券の登録でエラーが出ます',
      checks: [{ asks: 'expired', question: '有効期限切れ', answer: '期限内' }],
      suspectedCause: 'fraud_frozen',
      urgent: false,
    },
    urgent: false,
    rating: null,
    waitNoticeAt: null,
    deskRefs: {},
    ...extra,
  };
}
