/**
 * SIGTERM / SIGINT: shut down gracefully, then make sure the process really ends even if some
 * library left a handle open. A second signal does not wait.
 */
export interface Closable {
  close(): Promise<void>;
}

export interface SignalHandlerOptions {
  signals?: NodeJS.Signals[];
  /** After a clean close, how long leftover handles may keep the process alive. Default 1 s. */
  lingerMs?: number;
  /** A shutdown still running after this long is given up: exit 1. Default 30 s. */
  timeoutMs?: number;
  exit?: (code: number) => void;
  log?: (line: string) => void;
}

/** Returns a function that removes the handlers again. */
export function installSignalHandlers(target: Closable, opts: SignalHandlerOptions = {}): () => void {
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const log = opts.log ?? ((line: string) => console.error(line));
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log(`${signal} again: exiting now`);
      exit(130);
      return;
    }
    shuttingDown = true;
    log(`${signal}: shutting down (send it again to exit at once)`);
    // Ref'd on purpose: a close() waiting on a promise alone would otherwise let Node end the
    // process early, with code 0 and the store never closed.
    const watchdog = setTimeout(() => {
      log('shutdown did not finish in time: exiting');
      exit(1);
    }, opts.timeoutMs ?? 30_000);
    target.close().then(
      () => {
        clearTimeout(watchdog);
        process.exitCode = 0;
        // Unref'd: if nothing else is left the process ends on its own before this fires.
        setTimeout(() => exit(0), opts.lingerMs ?? 1000).unref();
      },
      (error: unknown) => {
        clearTimeout(watchdog);
        log(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        exit(1);
      },
    );
  };

  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
