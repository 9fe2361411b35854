/** The browser widget (src/widget), bundled once per process and web path. */
import { fileURLToPath } from 'node:url';
import { bundleBrowserScript, bundleCache } from './bundleBrowserScript.ts';

const ENTRY = fileURLToPath(new URL('../widget/main.ts', import.meta.url));

// The widget finds its server from its own <script src>; only the path prefix is baked in.
const byPath = bundleCache((webPath) =>
  bundleBrowserScript('web widget', ENTRY, { __MADOGUCHI_WEB_PATH__: JSON.stringify(webPath) }),
);

export function getWidgetBundle(opts: { webPath: string }): Promise<string> {
  return byPath(opts.webPath);
}
