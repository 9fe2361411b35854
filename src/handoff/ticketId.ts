/** Ticket ids an agent can read out on the phone: no 0/O, 1/I/L look-alikes. */
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function randomTicketId(): string {
  let id = 'T';
  for (let i = 0; i < 8; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** The channel a conversation id names: `web:…` → 'web'; an id without a prefix is the terminal's. */
export function channelOf(conversationId: string): string {
  const colon = conversationId.indexOf(':');
  return colon > 0 ? conversationId.slice(0, colon) : 'terminal';
}
