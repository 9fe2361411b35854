/** A ConversationStore in memory: for tests, `converse` with DATA_DIR=memory, and demos. */
import type { ConversationRecord, ConversationStore, StoredMessage } from '../core/ports.ts';
import { copyMessage, encodeSnapshot, historyLimit } from './records.ts';
import { StoreClosedError } from './storeErrors.ts';

interface Row {
  id: string;
  flowVersion: string;
  snapshot: string;
  updatedAt: number;
}

export class MemoryStore implements ConversationStore {
  #conversations: Map<string, Row> | null = new Map();
  #messages = new Map<string, StoredMessage[]>();

  #open(operation: string): Map<string, Row> {
    if (this.#conversations === null) throw new StoreClosedError(operation);
    return this.#conversations;
  }

  async load(conversationId: string): Promise<ConversationRecord | null> {
    const row = this.#open('load').get(conversationId);
    if (row === undefined) return null;
    return { ...row, snapshot: JSON.parse(row.snapshot) as unknown };
  }

  async save(record: ConversationRecord): Promise<void> {
    const conversations = this.#open('save');
    const { id, flowVersion, updatedAt } = record;
    conversations.set(id, { id, flowVersion, updatedAt, snapshot: encodeSnapshot(id, record.snapshot) });
  }

  async appendMessages(messages: StoredMessage[]): Promise<void> {
    this.#open('appendMessages');
    // Copy all first: a bad message must not leave half of the batch stored.
    const copies = messages.map(copyMessage);
    for (const message of copies) {
      const list = this.#messages.get(message.conversationId);
      if (list) list.push(message);
      else this.#messages.set(message.conversationId, [message]);
    }
  }

  async history(conversationId: string, limit?: number): Promise<StoredMessage[]> {
    this.#open('history');
    const all = this.#messages.get(conversationId) ?? [];
    const n = historyLimit(limit);
    const newest = n === undefined ? all : n === 0 ? [] : all.slice(-n);
    return newest.map(copyMessage);
  }

  async close(): Promise<void> {
    this.#conversations = null;
    this.#messages.clear();
  }
}
