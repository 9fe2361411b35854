/** The console page's script (./client), bundled on first request, once per process. */
import { fileURLToPath } from 'node:url';
import { bundleBrowserScript, bundleCache } from '../../server/bundleBrowserScript.ts';

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));
const once = bundleCache(() => bundleBrowserScript('agent console', ENTRY));

export function getConsoleBundle(): Promise<string> {
  return once('console');
}
