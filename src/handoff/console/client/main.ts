/**
 * The agent console page: log in with the agent token (kept in sessionStorage only), follow the
 * queue live, open a ticket, take it, reply, close it or hand it back to the bot.
 */
import type {
  ActionResponse,
  ConsoleEvent,
  DetailResponse,
  ErrorResponse,
  ListResponse,
  WireTicket,
} from '../consoleWire.ts';
import { queueOrder } from '../consoleWire.ts';
import { ConsoleClient, type StreamState, Unauthorized } from './consoleClient.ts';
import {
  appendMessage,
  isEnterToSend,
  page,
  renderQueue,
  renderTicket,
  renderTranscript,
  updateReplyCount,
} from './consoleView.ts';

const TOKEN_KEY = 'madoguchi-agent-token';
const NAME_KEY = 'madoguchi-agent-name';
const TITLE = document.title;
const STREAM_TEXT: Record<StreamState, string> = {
  connecting: '接続しています…',
  live: 'ライブ更新中',
  reconnecting: '接続が切れました。再接続しています…',
};
/** The API's error codes and the service's refusal reasons, for people. */
const ERRORS: Record<string, string> = {
  unknown_ticket: 'この相談は見つかりませんでした。',
  text_too_long: '返信が長すぎます（2000文字まで）。分けて送ってください。',
  missing_text: '返信が空です。',
  empty_text: '返信が空です。',
  missing_agent: '担当者名を入れてください。',
  not_open: 'この相談はすでに終了しています。',
  taken_by_other: 'ほかの担当者が対応しています。',
  not_taken: '返信する前に「担当する」を押してください。',
  not_accepted: '会話の状態が変わったため、この操作はできませんでした。',
};

const base = document.body.dataset.base ?? '/agent';
let client: ConsoleClient | null = null;
let me = '';
const queue = new Map<string, WireTicket>();
/** New tickets, and tickets with user messages, that the agent has not opened since. */
const unseen = new Set<string>();
let selected: string | null = null;
let current: WireTicket | null = null;
let live = false;
let composing = false;

const say = (text: string) => {
  page.actionStatus.textContent = text;
};
const explain = (body: ActionResponse | ErrorResponse | null, status: number): string => {
  if (body && 'error' in body) return ERRORS[body.error] ?? body.message;
  if (body && 'ok' in body && !body.ok) {
    return ERRORS[body.reason ?? ''] ?? `操作できませんでした（${body.reason ?? '理由不明'}）。`;
  }
  return `操作できませんでした（${status}）。`;
};

function showQueue(): void {
  const tickets = [...queue.values()].sort(queueOrder);
  renderQueue(tickets, selected, unseen, (id) => void openTicket(id));
  document.title = unseen.size > 0 ? `(${unseen.size}) 新着 ${TITLE}` : TITLE;
}

function keep(ticket: WireTicket): void {
  if (ticket.status === 'queued' || ticket.status === 'active') queue.set(ticket.id, ticket);
  else queue.delete(ticket.id);
  if (ticket.id === selected) {
    current = ticket;
    renderTicket(ticket, me);
  }
}

function signOut(message: string): void {
  client?.stop();
  client = null;
  sessionStorage.removeItem(TOKEN_KEY);
  page.desk.hidden = true;
  page.logout.hidden = true;
  page.login.hidden = false;
  page.conn.textContent = '';
  page.loginError.textContent = message;
  page.agentToken.value = '';
  page.agentToken.focus();
}

async function guarded<T>(run: (c: ConsoleClient) => Promise<T>): Promise<T | null> {
  if (!client) return null;
  try {
    return await run(client);
  } catch (error) {
    if (error instanceof Unauthorized) signOut('トークンが無効になりました。もう一度ログインしてください。');
    else say('サーバーに接続できませんでした。少し待ってからもう一度お試しください。');
    return null;
  }
}

async function refreshQueue(): Promise<void> {
  const answer = await guarded((c) => c.request<ListResponse>('GET', '/tickets?status=queued,active'));
  if (answer?.status !== 200 || !answer.body || !('tickets' in answer.body)) return;
  queue.clear();
  for (const ticket of answer.body.tickets) queue.set(ticket.id, ticket);
  showQueue();
}

async function openTicket(id: string, focus = true): Promise<void> {
  const answer = await guarded((c) => c.request<DetailResponse>('GET', `/tickets/${encodeURIComponent(id)}`));
  if (!answer) return;
  if (answer.status !== 200 || !answer.body || !('ticket' in answer.body)) {
    say(explain(answer.body as ErrorResponse | null, answer.status));
    return;
  }
  selected = id;
  unseen.delete(id);
  say('');
  keep(answer.body.ticket);
  renderTranscript(answer.body.transcript);
  showQueue();
  if (focus) page.ticketTitle.focus();
}

async function act(path: string, body: Record<string, unknown>, done: string): Promise<boolean> {
  if (!current) return false;
  const id = current.id;
  const answer = await guarded((c) =>
    c.request<ActionResponse>('POST', `/tickets/${encodeURIComponent(id)}/${path}`, { agent: me, ...body }),
  );
  if (!answer) return false;
  const result = answer.body;
  if (result && 'ok' in result && result.ticket) keep(result.ticket);
  showQueue();
  const ok = answer.status === 200 && result !== null && 'ok' in result && result.ok;
  say(ok ? done : explain(result, answer.status));
  return ok;
}

function onEvent(event: ConsoleEvent | { type: 'ready' }): void {
  switch (event.type) {
    case 'ready':
      // Whatever happened while the stream was down is fetched again.
      live = true;
      void refreshQueue();
      if (selected) void openTicket(selected, false);
      return;
    case 'ticketOpened':
      unseen.add(event.ticket.id);
      keep(event.ticket);
      page.queueAnnounce.textContent = `${event.ticket.urgent ? '緊急の' : '新しい'}相談が届きました。`;
      showQueue();
      return;
    case 'ticketChanged':
      keep(event.ticket);
      showQueue();
      return;
    case 'userMessage':
    case 'agentMessage':
      if (event.ticketId === selected) {
        appendMessage({
          role: event.type === 'userMessage' ? 'user' : 'agent',
          text: event.text,
          at: event.at,
        });
      } else if (event.type === 'userMessage' && queue.has(event.ticketId)) {
        unseen.add(event.ticketId);
        showQueue();
      }
      return;
  }
}

function start(token: string): void {
  client = new ConsoleClient(base, token);
  page.login.hidden = true;
  page.desk.hidden = false;
  page.logout.hidden = false;
  client.stream({
    onEvent,
    onState: (state) => {
      live = state === 'live';
      page.conn.textContent = STREAM_TEXT[state];
    },
    onUnauthorized: () => signOut('トークンが正しくありません。'),
  });
}

page.loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = page.agentName.value.trim();
  const token = page.agentToken.value.trim();
  if (!name || !token) {
    page.loginError.textContent = '担当者名とトークンを入れてください。';
    return;
  }
  const probe = new ConsoleClient(base, token);
  try {
    await probe.request<ListResponse>('GET', '/tickets');
  } catch (error) {
    page.loginError.textContent =
      error instanceof Unauthorized ? 'トークンが正しくありません。' : 'サーバーに接続できませんでした。';
    return;
  }
  me = name;
  sessionStorage.setItem(TOKEN_KEY, token);
  localStorage.setItem(NAME_KEY, name);
  page.loginError.textContent = '';
  start(token);
});

page.logout.addEventListener('click', () => signOut(''));
page.take.addEventListener('click', () => void act('take', {}, '担当になりました。'));
page.close.addEventListener('click', () => void act('close', {}, '解決としてクローズしました。'));
page.returnButton.addEventListener('click', () => {
  const label = page.returnTo.selectedOptions[0]?.textContent ?? '';
  void act('return', { to: page.returnTo.value }, `ボットに戻しました（${label}）。`);
});

async function sendReply(): Promise<void> {
  const text = page.replyText.value.trim();
  if (!text || page.replySend.disabled) return;
  page.replySend.disabled = true;
  const sent = await act('reply', { text }, '');
  page.replySend.disabled = current?.status !== 'active';
  if (!sent) return;
  page.replyText.value = '';
  updateReplyCount();
  // With the stream down, our own message would not come back as an event: fetch it.
  if (!live && selected) await openTicket(selected, false);
  page.replyText.focus();
}
page.replyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void sendReply();
});
page.replyText.addEventListener('compositionstart', () => {
  composing = true;
});
page.replyText.addEventListener('compositionend', () => {
  composing = false;
});
page.replyText.addEventListener('input', updateReplyCount);
page.replyText.addEventListener('keydown', (event) => {
  if (!isEnterToSend(event, composing)) return;
  event.preventDefault();
  void sendReply();
});

me = localStorage.getItem(NAME_KEY) ?? '';
page.agentName.value = me;
const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved && me) start(saved);
else (me ? page.agentToken : page.agentName).focus();
