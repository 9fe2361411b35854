/**
 * What both stores share, so that they behave alike: snapshots and options go through JSON in
 * memory too, and a caller never holds a reference into the stored state.
 */
import type { StoredMessage } from '../core/ports.ts';
import { StoreRecordError } from './storeErrors.ts';

export function encodeSnapshot(conversationId: string, snapshot: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(snapshot);
  } catch (error) {
    throw new StoreRecordError(conversationId, `its snapshot is not JSON (${(error as Error).message})`);
  }
  if (json === undefined) throw new StoreRecordError(conversationId, 'its snapshot is undefined');
  return json;
}

export function copyMessage(message: StoredMessage): StoredMessage {
  const { conversationId, role, text, options, at } = message;
  return options === undefined
    ? { conversationId, role, text, at }
    : { conversationId, role, text, options: options.map(({ id, label }) => ({ id, label })), at };
}

/** `undefined` (or a non-number) means all; otherwise a whole number of newest messages, at least 0. */
export function historyLimit(limit: number | undefined): number | undefined {
  if (limit === undefined || Number.isNaN(limit) || limit === Number.POSITIVE_INFINITY) return undefined;
  return Math.max(0, Math.floor(limit));
}
