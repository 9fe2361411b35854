/**
 * A command-line tool of ours as a child process, driven one line at a time the way a JSON Lines
 * client drives it: send a line, wait for the answer line.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface LineProcess {
  /** Writes a line and resolves with the next line the process prints. */
  ask(line: string): Promise<string>;
  /** Closes standard input and resolves with the exit code and what was left on stderr. */
  end(): Promise<{ code: number | null; stderr: string }>;
}

export function startLineProcess(script: string, env: Record<string, string> = {}): LineProcess {
  const child: ChildProcessWithoutNullStreams = spawn('npx', ['tsx', script], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const waiting: ((line: string) => void)[] = [];
  const early: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else early.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    ask(line) {
      child.stdin.write(`${line}\n`);
      const ready = early.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        waiting.push(resolve);
        void exited.then((code) => reject(new Error(`exited with ${code} before answering: ${stderr}`)));
      });
    },
    async end() {
      child.stdin.end();
      return { code: await exited, stderr };
    },
  };
}
