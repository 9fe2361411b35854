/**
 * The web chat wire format, shared by the server (src/channels/web.ts) and the widget. JSON text
 * frames on the socket; every client frame carries the session token from `POST <path>/session`.
 */

export const MAX_TEXT_LENGTH = 1000;
export const MAX_CHOICE_LENGTH = 100;
export const MAX_ID_LENGTH = 64;
/** Larger frames are cut off by the socket itself (close code 1009). */
export const MAX_FRAME_BYTES = 16 * 1024;

export interface SessionResponse {
  conversationId: string;
  token: string;
}

/** `id` is the client's own reference, echoed back as `replyTo`. */
export type ClientMessage =
  | { type: 'message'; token: string; text: string; id?: string }
  | { type: 'choice'; token: string; choice: string; id?: string }
  | { type: 'history'; token: string; id?: string };

export interface WireOption {
  id: string;
  label: string;
}

export interface WireReply {
  text: string;
  options: WireOption[];
}

export interface WireHistoryEntry {
  role: 'user' | 'bot' | 'agent' | 'system';
  text: string;
  options: WireOption[];
  at: number;
}

export type ErrorCode =
  | 'bad_json'
  | 'bad_message'
  | 'missing_token'
  | 'invalid_token'
  | 'expired_token'
  | 'empty_text'
  | 'text_too_long'
  | 'busy'
  | 'shutting_down'
  | 'internal';

export type ServerMessage =
  | { type: 'reply'; replyTo: string | null; replies: WireReply[] }
  /** Words that do not answer a client frame: a human agent, a timeout notice. */
  | { type: 'push'; replies: WireReply[] }
  | { type: 'history'; replyTo: string | null; messages: WireHistoryEntry[] }
  | { type: 'error'; replyTo: string | null; code: ErrorCode; message: string };

/** The widget starts a new session on these; the others are shown and the session kept. */
export const SESSION_ERRORS: readonly ErrorCode[] = ['missing_token', 'invalid_token', 'expired_token'];

export type ParsedClientMessage =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ErrorCode; replyTo: string | null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one frame's shape and limits; the token itself is checked by the server. */
export function parseClientMessage(frame: string): ParsedClientMessage {
  let data: unknown;
  try {
    data = JSON.parse(frame);
  } catch {
    return { ok: false, code: 'bad_json', replyTo: null };
  }
  if (!isRecord(data)) return { ok: false, code: 'bad_message', replyTo: null };
  const { type, token, id, text, choice } = data;
  const replyTo = typeof id === 'string' && id.length <= MAX_ID_LENGTH ? id : null;
  const fail = (code: ErrorCode): ParsedClientMessage => ({ ok: false, code, replyTo });
  if (id !== undefined && replyTo === null) return fail('bad_message');
  const ref = replyTo === null ? {} : { id: replyTo };
  if (type !== 'message' && type !== 'choice' && type !== 'history') return fail('bad_message');
  if (token === undefined || token === '') return fail('missing_token');
  if (typeof token !== 'string') return fail('invalid_token');
  if (type === 'message') {
    if (typeof text !== 'string') return fail('bad_message');
    if (text.trim() === '') return fail('empty_text');
    if (text.length > MAX_TEXT_LENGTH) return fail('text_too_long');
    return { ok: true, message: { type, token, text, ...ref } };
  }
  if (type === 'choice') {
    if (typeof choice !== 'string' || choice === '' || choice.length > MAX_CHOICE_LENGTH)
      return fail('bad_message');
    return { ok: true, message: { type, token, choice, ...ref } };
  }
  return { ok: true, message: { type, token, ...ref } };
}
