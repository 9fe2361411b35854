/**
 * The browser widget (src/widget) bundled by esbuild at start-up, in memory: no build step and
 * nothing written to disk. Built once per process and web path.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../widget/main.ts', import.meta.url));

export class WidgetBuildError extends Error {
  readonly code = 'WIDGET_BUILD_FAILED';
  constructor(detail: string) {
    super(
      `Could not bundle the web widget from ${ENTRY}: ${detail}. Run \`npx tsc --noEmit\` to find the error.`,
    );
    this.name = 'WidgetBuildError';
  }
}

async function bundle(webPath: string): Promise<string> {
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
      // The widget finds its server from its own <script src>; only the path prefix is baked in.
      define: { __MADOGUCHI_WEB_PATH__: JSON.stringify(webPath) },
    });
    const [output] = result.outputFiles;
    if (!output) throw new WidgetBuildError('esbuild produced no output');
    return output.text;
  } catch (error) {
    if (error instanceof WidgetBuildError) throw error;
    throw new WidgetBuildError(error instanceof Error ? error.message : String(error));
  }
}

const cache = new Map<string, Promise<string>>();

export function getWidgetBundle(opts: { webPath: string }): Promise<string> {
  let pending = cache.get(opts.webPath);
  if (!pending) {
    pending = bundle(opts.webPath);
    cache.set(opts.webPath, pending);
    pending.catch(() => cache.delete(opts.webPath));
  }
  return pending;
}
