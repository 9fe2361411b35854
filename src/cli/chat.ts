/** `npm run chat`: talk to the bot in the terminal. Type a number to press a button, or just write. */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { composeEngine } from '../composeEngine.ts';
import { loadConfig } from '../config.ts';
import type { Reply, TurnResult } from '../core/ports.ts';

const OUTCOME_NOTES: Record<TurnResult['outcome'], string> = {
  open: '',
  resolved: '(解決として終了しました。続けて新しい相談もできます)',
  handoff: '(担当者への引き継ぎを依頼しました)',
  out_of_scope: '(対象外のご相談として案内しました)',
};

function show(replies: Reply[]): Reply['options'] {
  let options: Reply['options'] = [];
  for (const r of replies) {
    console.log(`\nbot> ${r.text.replaceAll('\n', '\n     ')}`);
    for (const [i, o] of r.options.entries()) console.log(`     [${i + 1}] ${o.label}`);
    if (r.options.length > 0) options = r.options;
  }
  return options;
}

const config = loadConfig();
console.log('madoguchi を読み込んでいます...');
const app = await composeEngine({ dataDir: config.dataDir });
const conversationId = `terminal:${randomUUID()}`;
// Lines are read as a stream, so piped input (a script of answers) works as well as typing.
const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
console.log('番号でボタンを選ぶか、自由に入力してください。終了は Ctrl+D か /quit です。');

let options = show((await app.engine.handle({ conversationId, text: '' })).replies);
process.stdout.write('\nyou> ');
for await (const raw of rl) {
  const line = raw.trim();
  if (line === '/quit') break;
  const picked = /^\d+$/.test(line) ? options[Number(line) - 1] : undefined;
  const result = await app.engine.handle(
    picked ? { conversationId, choice: picked.id } : { conversationId, text: line },
  );
  options = show(result.replies);
  if (OUTCOME_NOTES[result.outcome]) console.log(`\n     ${OUTCOME_NOTES[result.outcome]}`);
  process.stdout.write('\nyou> ');
}
rl.close();
await app.close();
