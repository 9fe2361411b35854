/** The handoff summary: what a human agent needs so the user never repeats themselves. */
import type { Asks, CauseId, SettledBranch } from './domain.ts';
import type { FlowContext } from './flowContext.ts';

export const ASKS_LABELS: Record<Asks, string> = {
  expired: '有効期限切れ',
  fraud_frozen: '転売・買取サイト等からの入手',
  code_stolen: '番号を第三者に見られた可能性',
  already_redeemed: '登録済み',
  system_error: 'Amazon側の障害',
  input_error: '入力ミス・読み取れない文字',
  auto_applied: '注文での自動利用',
  pending_order: '未発送の注文',
  cancel_refund_delay: 'キャンセル後の反映待ち',
  account_hacked: '身に覚えのない注文',
  branch: '相談の種類',
  issue_date: '購入・受け取り時期',
  card_type: 'ギフト券の種類',
  resolved: '案内で解決したか',
  rating: '対応の評価',
  handoff: '担当者への引き継ぎ',
  free_text: '相談内容',
};

const BRANCH_LABELS: Record<Exclude<SettledBranch, null>, string> = {
  giftcard: 'ギフト券番号の登録',
  account: 'アカウント残高',
};

export interface HandoffSummary {
  branch: SettledBranch;
  complaint: string | null;
  checks: { asks: Asks; question: string; answer: string }[];
  suspectedCause: CauseId | null;
  urgent: boolean;
}

export function buildSummary(context: FlowContext): HandoffSummary {
  return {
    branch: context.branch,
    complaint: context.complaint,
    checks: context.answers
      .filter((a) => a.asks !== 'handoff')
      .map((a) => ({ asks: a.asks, question: ASKS_LABELS[a.asks], answer: a.answer })),
    suspectedCause: context.cause ?? context.suspected,
    urgent: context.urgent,
  };
}

/** One line per fact, in Japanese, for the user and the agent alike. Everything in it is masked. */
export function formatSummary(s: HandoffSummary): string {
  const lines = [
    `相談の種類: ${s.branch ? BRANCH_LABELS[s.branch] : '未確定'}`,
    ...(s.complaint ? [`最初のご相談: ${s.complaint}`] : []),
    ...s.checks.map((c) => `確認: ${c.question} → ${c.answer}`),
    `考えられる原因: ${s.suspectedCause ? ASKS_LABELS[s.suspectedCause] : '特定できず'}`,
    ...(s.urgent ? ['緊急度: 高(アカウント乗っ取りの疑い)'] : []),
  ];
  return lines.join('\n');
}
