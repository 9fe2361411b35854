/** The store's unexpected failures: each says what went wrong and what to do about it. */
import { MadoguchiError } from '../core/errors.ts';

export class StoreClosedError extends MadoguchiError {
  constructor(readonly operation: string) {
    super(
      'STORE_CLOSED',
      `The conversation store was used (${operation}) after close(); open a new store, or stop ` +
        'handling turns before closing it (await the engine queue first).',
    );
  }
}

export class StoreRecordError extends MadoguchiError {
  constructor(
    readonly conversationId: string,
    reason: string,
  ) {
    super(
      'STORE_RECORD_INVALID',
      `Conversation ${JSON.stringify(conversationId)} cannot be stored: ${reason}. ` +
        'A snapshot must be JSON-serialisable (persist it with getPersistedSnapshot()).',
    );
  }
}

export class StoreOpenError extends MadoguchiError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(
      'STORE_OPEN_FAILED',
      `Cannot open the SQLite store at ${path}: ${reason}. Check DATA_DIR, its permissions, ` +
        'and that the file is a madoguchi database (move it aside to start afresh).',
    );
  }
}
