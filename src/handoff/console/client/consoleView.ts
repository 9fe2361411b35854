/**
 * The console's DOM: the static page's elements, filled in with textContent only (every ticket
 * field is user-supplied text, masked but untrusted). No state beyond what is on screen.
 */
import type { TicketStatus } from '../../ticket.ts';
import { MAX_REPLY_LENGTH, type WireMessage, type WireTicket } from '../consoleWire.ts';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  queued: '待機中',
  active: '対応中',
  closed: '解決済み',
  returned: 'ボットに戻しました',
  cancelled: 'お客様が取り消し',
};
const CHANNEL_LABELS: Record<string, string> = { web: 'Web', slack: 'Slack', line: 'LINE', terminal: '端末' };
const WHO: Record<WireMessage['role'], string> = { user: 'お客様', bot: 'ボット', agent: '担当者' };

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`console page is missing #${id}`);
  return node as T;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

const time = (at: number) =>
  new Date(at).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function isEnterToSend(event: KeyboardEvent, composing: boolean): boolean {
  // While an IME converts, Enter confirms the conversion; 229 covers browsers that end it first.
  if (event.isComposing || composing || event.keyCode === 229) return false;
  return event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
}

export const page = {
  conn: byId<HTMLParagraphElement>('conn'),
  logout: byId<HTMLButtonElement>('logout'),
  login: byId<HTMLElement>('login'),
  loginForm: byId<HTMLFormElement>('login-form'),
  agentName: byId<HTMLInputElement>('agent-name'),
  agentToken: byId<HTMLInputElement>('agent-token'),
  loginError: byId<HTMLParagraphElement>('login-error'),
  desk: byId<HTMLDivElement>('desk'),
  queueCount: byId<HTMLSpanElement>('queue-count'),
  queueEmpty: byId<HTMLParagraphElement>('queue-empty'),
  queueList: byId<HTMLUListElement>('queue-list'),
  queueAnnounce: byId<HTMLParagraphElement>('queue-announce'),
  ticketTitle: byId<HTMLHeadingElement>('ticket-title'),
  ticketBody: byId<HTMLDivElement>('ticket-body'),
  ticketMeta: byId<HTMLParagraphElement>('ticket-meta'),
  summary: byId<HTMLDListElement>('summary'),
  take: byId<HTMLButtonElement>('take'),
  close: byId<HTMLButtonElement>('close'),
  returnTo: byId<HTMLSelectElement>('return-to'),
  returnButton: byId<HTMLButtonElement>('return'),
  actionStatus: byId<HTMLParagraphElement>('action-status'),
  transcript: byId<HTMLOListElement>('transcript'),
  replyForm: byId<HTMLFormElement>('reply-form'),
  replyText: byId<HTMLTextAreaElement>('reply-text'),
  replyCount: byId<HTMLSpanElement>('reply-count'),
  replySend: byId<HTMLButtonElement>('reply-send'),
};

function excerpt(ticket: WireTicket): string {
  const text = ticket.summary.complaint ?? ticket.summary.branchLabel;
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function renderQueue(
  tickets: WireTicket[],
  selected: string | null,
  unseen: ReadonlySet<string>,
  onOpen: (id: string) => void,
): void {
  page.queueCount.textContent = `（${tickets.length}件）`;
  page.queueEmpty.hidden = tickets.length > 0;
  const items = tickets.map((ticket) => {
    const item = el('li');
    item.classList.toggle('urgent', ticket.urgent);
    item.classList.toggle('unseen', unseen.has(ticket.id));
    item.dataset.ticket = ticket.id;
    const open = el('button');
    open.type = 'button';
    open.setAttribute('aria-current', String(ticket.id === selected));
    const badges = el('span', 'badges');
    if (ticket.urgent) badges.append(el('span', 'badge urgent', '緊急'));
    if (unseen.has(ticket.id)) badges.append(el('span', 'badge new', '新着'));
    const who = ticket.agent ? `：${ticket.agent}` : '';
    badges.append(el('span', 'badge', `${STATUS_LABELS[ticket.status]}${who}`));
    badges.append(el('span', 'badge', CHANNEL_LABELS[ticket.channel] ?? ticket.channel));
    // The user was told nobody could answer in time (or that it is outside hours).
    if (ticket.status === 'queued' && ticket.waitNoticeAt !== null)
      badges.append(el('span', 'badge', 'お待たせ案内済み'));
    open.append(
      badges,
      el('span', 'excerpt', excerpt(ticket)),
      el('span', 'who', `${time(ticket.createdAt)} 受付`),
    );
    open.addEventListener('click', () => onOpen(ticket.id));
    item.append(open);
    return item;
  });
  page.queueList.replaceChildren(...items);
}

function row(term: string, detail: string | Node): [HTMLElement, HTMLElement] {
  const dd = el('dd');
  dd.append(detail);
  return [el('dt', '', term), dd];
}

export function renderTicket(ticket: WireTicket, me: string): void {
  const { summary } = ticket;
  page.ticketBody.hidden = false;
  page.ticketTitle.textContent = `${summary.urgent ? '【緊急】' : ''}相談 ${ticket.id}`;
  const holder = ticket.agent ? `（担当: ${ticket.agent}）` : '';
  const channel = CHANNEL_LABELS[ticket.channel] ?? ticket.channel;
  page.ticketMeta.textContent = `${STATUS_LABELS[ticket.status]}${holder}・${channel}・${time(ticket.createdAt)} 受付`;
  const checks = el('ul');
  for (const c of summary.checks) checks.append(el('li', '', `${c.question} → ${c.answer}`));
  page.summary.replaceChildren(
    ...row('相談の種類', summary.branchLabel),
    ...row('最初のご相談', summary.complaint ?? '（なし）'),
    ...row('確認したこと', summary.checks.length > 0 ? checks : '（なし）'),
    ...row('考えられる原因', summary.suspectedCauseLabel),
    ...row('緊急度', summary.urgent ? '高（アカウント乗っ取りの疑い）' : '通常'),
    ...(ticket.rating !== null ? row('評価', `${ticket.rating} / 5`) : []),
  );
  const open = ticket.status === 'queued' || ticket.status === 'active';
  page.take.disabled = ticket.status !== 'queued';
  page.close.disabled = ticket.status !== 'active';
  page.returnButton.disabled = !open;
  page.returnTo.disabled = !open;
  const canReply = ticket.status === 'active';
  page.replyText.disabled = !canReply;
  page.replySend.disabled = !canReply;
  page.replyText.placeholder = canReply
    ? ticket.agent && ticket.agent !== me
      ? `${ticket.agent}さんが担当しています`
      : ''
    : ticket.status === 'queued'
      ? '返信するには「担当する」を押してください'
      : 'この相談は終了しています';
}

export function renderTranscript(messages: WireMessage[]): void {
  page.transcript.replaceChildren();
  for (const m of messages) appendMessage(m);
}

export function appendMessage(m: WireMessage): void {
  const item = el('li', m.role);
  item.append(el('span', 'who', `${WHO[m.role]}・${time(m.at)}`), document.createTextNode(m.text));
  page.transcript.append(item);
  page.transcript.scrollTop = page.transcript.scrollHeight;
}

export function updateReplyCount(): void {
  page.replyCount.textContent = String(page.replyText.value.length);
  page.replyCount.parentElement?.classList.toggle('error', page.replyText.value.length > MAX_REPLY_LENGTH);
}
