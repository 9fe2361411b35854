/**
 * Browser TypeScript bundled by esbuild in memory, at run time: no build step, nothing written to
 * disk. The widget and the agent console page use it.
 */
import { build } from 'esbuild';

export class BrowserBundleError extends Error {
  readonly code = 'BROWSER_BUNDLE_FAILED';
  constructor(what: string, entry: string, detail: string) {
    super(
      `Could not bundle the ${what} from ${entry}: ${detail}. Run \`npx tsc --noEmit\` to find the error.`,
    );
    this.name = 'BrowserBundleError';
  }
}

/** `what` names the script in errors; `define` bakes constants in (esbuild's define). */
export async function bundleBrowserScript(
  what: string,
  entry: string,
  define: Record<string, string> = {},
): Promise<string> {
  let text: string | undefined;
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
      define,
    });
    text = result.outputFiles[0]?.text;
  } catch (error) {
    throw new BrowserBundleError(what, entry, error instanceof Error ? error.message : String(error));
  }
  if (text === undefined) throw new BrowserBundleError(what, entry, 'esbuild produced no output');
  return text;
}

/** Memoises a bundle per key; a failed build is forgotten so the next request tries again. */
export function bundleCache(make: (key: string) => Promise<string>): (key: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (key) => {
    let pending = cache.get(key);
    if (!pending) {
      pending = make(key);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  };
}
