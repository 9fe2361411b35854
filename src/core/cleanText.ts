export const MAX_TEXT_LENGTH = 2000;

// Control characters except tab and newline, and format characters (zero-width spaces, BOM, bidi marks).
const UNWANTED_CHARACTERS = /(?![\t\n])[\p{Cc}\p{Cf}]/gu;

/** Drops control and format characters, trims, and cuts at MAX_TEXT_LENGTH. */
export function cleanText(text: string): string {
  return text.replace(UNWANTED_CHARACTERS, '').slice(0, MAX_TEXT_LENGTH).trim();
}
