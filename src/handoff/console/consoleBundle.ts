/**
 * The console page's script (./client) bundled by esbuild on first request, in memory, as the
 * widget is: no build step, nothing written to disk.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

export class ConsoleBuildError extends Error {
  readonly code = 'CONSOLE_BUILD_FAILED';
  constructor(detail: string) {
    super(
      `Could not bundle the agent console from ${ENTRY}: ${detail}. Run \`npx tsc --noEmit\` to find the error.`,
    );
    this.name = 'ConsoleBuildError';
  }
}

async function bundle(): Promise<string> {
  try {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const [output] = result.outputFiles;
    if (!output) throw new ConsoleBuildError('esbuild produced no output');
    return output.text;
  } catch (error) {
    if (error instanceof ConsoleBuildError) throw error;
    throw new ConsoleBuildError(error instanceof Error ? error.message : String(error));
  }
}

let cached: Promise<string> | null = null;

export function getConsoleBundle(): Promise<string> {
  if (!cached) {
    const pending = bundle();
    cached = pending;
    pending.catch(() => {
      if (cached === pending) cached = null;
    });
  }
  return cached;
}
