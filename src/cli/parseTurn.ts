import type { EngineInput } from '../core/ports.ts';

const FIELDS = ['conversationId', 'text', 'choice'];

/** A JSON line to an engine input, or the reason it is not one. */
export function parseTurn(line: string): EngineInput | { error: string } {
  if (line.trim() === '') return { error: 'empty line: expected one JSON object' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON: each line must be one JSON object' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { error: 'expected a JSON object' };
  const o = value as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) return { error: `unknown field(s): ${unknown.join(', ')}` };
  if (typeof o.conversationId !== 'string' || o.conversationId === '')
    return { error: 'conversationId is missing' };
  const hasText = typeof o.text === 'string';
  const hasChoice = typeof o.choice === 'string';
  if (hasText === hasChoice) return { error: 'give exactly one of text or choice, as a string' };
  return hasText
    ? { conversationId: o.conversationId, text: o.text as string }
    : { conversationId: o.conversationId, choice: o.choice as string };
}
