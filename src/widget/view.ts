/**
 * The widget's DOM, inside a shadow root: a launcher button and a chat panel. Text is only ever
 * set through textContent. Usable by keyboard alone; the log is a polite live region.
 */
import { MAX_TEXT_LENGTH, type WireHistoryEntry, type WireOption } from './protocol.ts';
import { WIDGET_CSS } from './styles.ts';

export interface ViewHandlers {
  onSend(text: string): void;
  onChoice(option: WireOption): void;
  onToggle(open: boolean): void;
}

type Role = WireHistoryEntry['role'];

const WHO: Record<Role, string> = { user: 'あなた', bot: 'サポート', agent: '担当者', system: 'お知らせ' };

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

function button(className: string, text: string, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
  const node = el('button', className, text);
  node.type = type;
  return node;
}

function isEnterToSend(event: KeyboardEvent, composing: boolean): boolean {
  // While a Japanese IME is converting, Enter confirms the conversion: never send then.
  // keyCode 229 covers browsers (Safari) that end the composition before this keydown.
  if (event.isComposing || composing || event.keyCode === 229) return false;
  return event.key === 'Enter' && !event.shiftKey;
}

export class ChatView {
  private readonly launcher = button('launcher', 'チャットで相談');
  private readonly panel = el('section', 'panel');
  private readonly log = el('div', 'log');
  private readonly status = el('p', 'status');
  private readonly input = el('textarea', 'input');
  private readonly sendButton = button('send', '送信', 'submit');
  private composing = false;

  constructor(
    root: ShadowRoot,
    private readonly handlers: ViewHandlers,
  ) {
    this.installStyles(root);
    const wrap = el('div', 'root');
    const header = el('div', 'header');
    const title = el('h2', 'title', 'ギフト券・残高のご相談');
    const close = button('close', '×');
    close.setAttribute('aria-label', 'チャットを閉じる');
    header.append(title, close);
    title.id = 'madoguchi-title';
    this.panel.id = 'madoguchi-panel';
    this.panel.hidden = true;
    this.input.id = 'madoguchi-input';
    this.input.rows = 2;

    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-modal', 'false');
    this.panel.setAttribute('aria-labelledby', title.id);
    this.log.setAttribute('role', 'log');
    this.log.setAttribute('aria-live', 'polite');
    this.log.setAttribute('aria-label', '会話の記録');
    this.status.setAttribute('role', 'status');
    this.launcher.setAttribute('aria-controls', this.panel.id);
    this.launcher.setAttribute('aria-expanded', 'false');

    const form = el('form', 'form');
    const label = el('label', 'sr-only', 'メッセージ');
    label.htmlFor = this.input.id;
    this.input.maxLength = MAX_TEXT_LENGTH;
    this.input.placeholder = 'ご相談内容を入力（Enterで送信・Shift+Enterで改行）';
    form.append(label, this.input, this.sendButton);

    this.panel.append(header, this.status, this.log, form);
    wrap.append(this.panel, this.launcher);
    root.append(wrap);

    this.launcher.addEventListener('click', () => this.setOpen(this.panel.hidden, true));
    close.addEventListener('click', () => this.setOpen(false, true));
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.setOpen(false, true);
    });
    this.input.addEventListener('compositionstart', () => {
      this.composing = true;
    });
    this.input.addEventListener('compositionend', () => {
      this.composing = false;
    });
    this.input.addEventListener('keydown', (event) => {
      if (!isEnterToSend(event, this.composing)) return;
      event.preventDefault();
      form.requestSubmit();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = '';
      handlers.onSend(text);
    });
  }

  private installStyles(root: ShadowRoot): void {
    // A constructed sheet is not subject to the host page's CSP for inline styles.
    if (
      'adoptedStyleSheets' in root &&
      typeof CSSStyleSheet === 'function' &&
      'replaceSync' in CSSStyleSheet.prototype
    ) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(WIDGET_CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el('style', '', WIDGET_CSS));
    }
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  setOpen(open: boolean, moveFocus: boolean): void {
    if (open === this.isOpen) return;
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.textContent = open ? 'チャットを閉じる' : 'チャットで相談';
    if (moveFocus) (open ? this.input : this.launcher).focus();
    if (open) this.scrollToEnd();
    this.handlers.onToggle(open);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  setBusy(busy: boolean): void {
    this.log.setAttribute('aria-busy', String(busy));
  }

  /** Replaces the whole log: the server's history is the truth after a (re)connection. */
  showHistory(entries: WireHistoryEntry[], emptyNotice: string): void {
    this.log.replaceChildren();
    if (entries.length === 0) this.add('bot', emptyNotice);
    entries.forEach((entry, i) => {
      this.add(entry.role, entry.text);
      // Only the newest question can still be answered by a button.
      if (i === entries.length - 1) this.addOptions(entry.options);
    });
  }

  add(role: Role, text: string, pending = false): HTMLElement {
    const item = el('div', `msg ${role}${pending ? ' pending' : ''}`);
    const who = el('span', role === 'user' || role === 'bot' ? 'sr-only' : 'who', `${WHO[role]}：`);
    item.append(who, document.createTextNode(text));
    this.log.append(item);
    this.scrollToEnd();
    return item;
  }

  addOptions(options: WireOption[]): void {
    if (options.length === 0) return;
    const group = el('div', 'options');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', '選択肢');
    for (const option of options) {
      const choice = button('option', option.label);
      choice.addEventListener('click', () => {
        this.disableOptions();
        this.input.focus();
        this.handlers.onChoice(option);
      });
      group.append(choice);
    }
    this.log.append(group);
    this.scrollToEnd();
  }

  /** Answered or overtaken questions keep their buttons on screen, but disabled. */
  disableOptions(): void {
    this.log.querySelectorAll<HTMLButtonElement>('button.option').forEach((choice) => {
      choice.disabled = true;
    });
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
