/**
 * The embeddable chat widget: `<script src="https://support.example.com/widget.js" defer></script>`.
 * It finds its server from its own script URL, so the one tag is all a page needs.
 */
import { ChatConnection, type ConnectionState } from './connection.ts';
import { SESSION_ERRORS, type ServerMessage, type WireReply } from './protocol.ts';
import { WidgetSession } from './session.ts';
import { ChatView } from './view.ts';

declare const __MADOGUCHI_WEB_PATH__: string;

const WELCOME =
  'こんにちは。ギフト券の登録や、アカウントの残高のことでお困りですか？起きていることをそのまま書いてください。';
const STATUS: Record<ConnectionState, string> = {
  connecting: '接続しています…',
  open: '',
  reconnecting: '接続が切れました。再接続しています…',
};

function serverOrigin(script: HTMLScriptElement | null): string {
  const src = script?.src || document.querySelector<HTMLScriptElement>('script[src*="/widget.js"]')?.src;
  return src ? new URL(src, location.href).origin : location.origin;
}

function mount(origin: string): void {
  const webPath = __MADOGUCHI_WEB_PATH__;
  const openKey = `madoguchi:${origin}:open`;
  const host = document.createElement('div');
  host.id = 'madoguchi-chat';
  document.body.append(host);

  const session = new WidgetSession(origin, webPath);
  let nextId = 1;
  let state: ConnectionState = 'connecting';
  /** Said by the user and not answered yet, by frame id. */
  const pending = new Map<string, { text: string; item: HTMLElement }>();

  const refresh = () => {
    view.setBusy(pending.size > 0);
    view.setStatus(STATUS[state] || (pending.size > 0 ? '回答を準備しています…' : ''));
  };
  const settle = (replyTo: string | null) => {
    const entry = pending.get(replyTo ?? '');
    if (!entry) return;
    entry.item.classList.remove('pending');
    pending.delete(replyTo ?? '');
    refresh();
  };
  const showReplies = (replies: WireReply[]) => {
    for (const reply of replies) view.add('bot', reply.text);
    view.addOptions(replies.at(-1)?.options ?? []);
  };

  const onMessage = (message: ServerMessage) => {
    switch (message.type) {
      case 'history':
        view.showHistory(message.messages, WELCOME);
        // What the socket took before it dropped is in this history or lost; only the queue is still to come.
        for (const [id, entry] of pending) {
          if (connection.isQueued(id)) entry.item = view.add('user', entry.text, true);
          else pending.delete(id);
        }
        refresh();
        return;
      case 'reply':
        settle(message.replyTo);
        showReplies(message.replies);
        return;
      case 'push':
        view.disableOptions();
        showReplies(message.replies);
        return;
      case 'error':
        settle(message.replyTo);
        view.add('system', message.message);
        if (SESSION_ERRORS.includes(message.code)) session.forget();
        return;
    }
  };

  const connection = new ChatConnection(`${origin.replace(/^http/, 'ws')}${webPath}/socket`, {
    token: () => session.ensure(),
    onOpen: () => ({ type: 'history', id: `h${nextId++}` }),
    onMessage,
    onState: (next) => {
      state = next;
      refresh();
    },
  });

  const say = (
    text: string,
    frame: { type: 'message'; text: string } | { type: 'choice'; choice: string },
  ) => {
    const id = `m${nextId++}`;
    view.disableOptions();
    pending.set(id, { text, item: view.add('user', text, true) });
    refresh();
    connection.send({ ...frame, id });
  };

  const view = new ChatView(host.attachShadow({ mode: 'open' }), {
    onSend: (text) => say(text, { type: 'message', text }),
    onChoice: (option) => say(option.label, { type: 'choice', choice: option.id }),
    onToggle: (open) => {
      try {
        localStorage.setItem(openKey, open ? '1' : '0');
      } catch {
        /* not remembered */
      }
      if (open) connection.start();
    },
  });

  let reopen = false;
  try {
    reopen = localStorage.getItem(openKey) === '1';
  } catch {
    /* starts closed */
  }
  if (reopen) view.setOpen(true, false);
}

// Read now: document.currentScript is only set while this script runs, deferred or not.
const origin = serverOrigin(document.currentScript as HTMLScriptElement | null);
if (document.body) mount(origin);
else document.addEventListener('DOMContentLoaded', () => mount(origin), { once: true });
