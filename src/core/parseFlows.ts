/**
 * Flow files (YAML text) to a FlowDefinition, checking the shape of every entry. Errors name the
 * file and the YAML path; semantic checks (targets, guards, reachability) are in validateFlow.ts.
 */
import { parseDocument } from 'yaml';
import { contentHash } from './contentHash.ts';
import { type Asks, isAsks, isCauseId, OUTCOMES } from './domain.ts';
import type {
  ActionRef,
  FlowDefinition,
  FlowError,
  FlowFile,
  OptionDef,
  Origin,
  StateDef,
  TransitionDef,
} from './flowDefinition.ts';

type Obj = Record<string, unknown>;

const STATE_KEYS: Record<StateDef['type'], string[]> = {
  question: ['type', 'asks', 'text', 'say', 'do', 'cause', 'options', 'free_text', 'skip_global'],
  say: ['type', 'say', 'do', 'cause', 'next'],
  pick: ['type', 'say', 'do', 'checks', 'otherwise'],
  decide: ['type', 'say', 'do', 'routes'],
  end: ['type', 'outcome', 'say', 'do', 'cause', 'then'],
  handoff: [
    'type',
    'say',
    'do',
    'waiting',
    'cancel_label',
    'joined',
    'timeout',
    'outside_hours',
    'closed',
    'returned',
    'closed_next',
    'cancel_next',
    'return_to',
  ],
};
const TRANSITION_KEYS = ['when', 'next', 'do', 'say'];
const OPTION_KEYS = ['id', 'label', ...TRANSITION_KEYS];

class Reader {
  readonly errors: FlowError[] = [];
  constructor(readonly file: string) {}

  fail(path: string, reason: string): void {
    this.errors.push({ file: this.file, path, reason });
  }
  origin(path: string): Origin {
    return { file: this.file, path };
  }
  isObj(v: unknown, path: string): v is Obj {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return true;
    this.fail(path, 'expected a mapping (key: value)');
    return false;
  }
  keys(o: Obj, allowed: string[], path: string): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k))
        this.fail(`${path}.${k}`, `unknown key "${k}" (allowed: ${allowed.join(', ')})`);
    }
  }
  str(v: unknown, path: string): string {
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.fail(path, v === undefined ? 'missing (a non-empty text)' : 'expected a non-empty text');
    return '';
  }
  strList(v: unknown, path: string): string[] {
    if (v === undefined) return [];
    if (typeof v === 'string') return [this.str(v, path)];
    if (!Array.isArray(v)) {
      this.fail(path, 'expected a text or a list of texts');
      return [];
    }
    return v.map((x, i) => this.str(x, `${path}[${i}]`));
  }
  list(v: unknown, path: string): unknown[] {
    if (Array.isArray(v)) return v;
    this.fail(path, v === undefined ? 'missing (a list)' : 'expected a list');
    return [];
  }
  actions(v: unknown, path: string): ActionRef[] {
    if (v === undefined) return [];
    return this.list(v, path).flatMap((a, i): ActionRef[] => {
      const p = `${path}[${i}]`;
      if (typeof a === 'string') return [{ name: a, origin: this.origin(p) }];
      if (this.isObj(a, p) && Object.keys(a).length === 1) {
        const [name, param] = Object.entries(a)[0] as [string, unknown];
        return [{ name, param: this.str(param, `${p}.${name}`), origin: this.origin(p) }];
      }
      this.fail(p, 'expected an action name or { action: parameter }');
      return [];
    });
  }
  transition(v: unknown, path: string, keys = TRANSITION_KEYS): TransitionDef | null {
    if (!this.isObj(v, path)) return null;
    this.keys(v, keys, path);
    return {
      when: this.strList(v.when, `${path}.when`),
      next: this.str(v.next, `${path}.next`),
      do: this.actions(v.do, `${path}.do`),
      say: this.strList(v.say, `${path}.say`),
      origin: this.origin(path),
    };
  }
  option(v: unknown, path: string): OptionDef | null {
    const t = this.transition(v, path, OPTION_KEYS);
    if (!t) return null;
    const o = v as Obj;
    const id = this.str(o.id, `${path}.id`);
    // An option named like an answer kind is chosen by that answer in free text too.
    const when = t.when.length > 0 ? t.when : ['yes', 'no', 'unsure'].includes(id) ? [id] : [];
    return { ...t, when, id, label: this.str(o.label, `${path}.label`) };
  }
}

function parseState(r: Reader, name: string, v: unknown, path: string): StateDef | null {
  if (!r.isObj(v, path)) return null;
  const type = v.type as StateDef['type'];
  if (!(type in STATE_KEYS)) {
    r.fail(
      `${path}.type`,
      `unknown state type "${String(v.type)}" (one of ${Object.keys(STATE_KEYS).join(', ')})`,
    );
    return null;
  }
  r.keys(v, STATE_KEYS[type], path);
  const base = {
    name,
    say: r.strList(v.say, `${path}.say`),
    do: r.actions(v.do, `${path}.do`),
    origin: r.origin(path),
  };
  if (v.cause !== undefined && !isCauseId(v.cause))
    r.fail(`${path}.cause`, `unknown cause id "${String(v.cause)}"`);
  const withCause = isCauseId(v.cause) ? { ...base, cause: v.cause } : base;
  switch (type) {
    case 'question': {
      if (!isAsks(v.asks)) r.fail(`${path}.asks`, `unknown or missing asks "${String(v.asks)}"`);
      const options = r.list(v.options, `${path}.options`);
      if (v.options !== undefined && options.length === 0)
        r.fail(`${path}.options`, 'a question needs options');
      return {
        ...withCause,
        type,
        asks: v.asks as Asks,
        text: r.str(v.text, `${path}.text`),
        options: options.flatMap((o, i) => r.option(o, `${path}.options[${i}]`) ?? []),
        freeText: (v.free_text === undefined ? [] : r.list(v.free_text, `${path}.free_text`)).flatMap(
          (t, i) => r.transition(t, `${path}.free_text[${i}]`) ?? [],
        ),
        skipGlobal: r.strList(v.skip_global, `${path}.skip_global`),
      };
    }
    case 'say':
      return { ...withCause, type, next: r.str(v.next, `${path}.next`) };
    case 'pick': {
      const checks = r.isObj(v.checks, `${path}.checks`) ? v.checks : {};
      r.keys(checks, ['giftcard', 'account'], `${path}.checks`);
      return {
        ...base,
        type,
        checks: {
          giftcard: r.strList(checks.giftcard, `${path}.checks.giftcard`),
          account: r.strList(checks.account, `${path}.checks.account`),
        },
        otherwise: r.str(v.otherwise, `${path}.otherwise`),
      };
    }
    case 'decide': {
      const routes = r.list(v.routes, `${path}.routes`);
      return {
        ...base,
        type,
        routes: routes.flatMap((t, i) => r.transition(t, `${path}.routes[${i}]`) ?? []),
      };
    }
    case 'handoff': {
      const returnTo = r.strList(v.return_to, `${path}.return_to`);
      if (returnTo.length === 0)
        r.fail(`${path}.return_to`, 'name at least one state an agent can return the user to');
      return {
        ...base,
        type,
        waiting: r.str(v.waiting, `${path}.waiting`),
        cancelLabel: r.str(v.cancel_label, `${path}.cancel_label`),
        joined: r.str(v.joined, `${path}.joined`),
        timeout: r.str(v.timeout, `${path}.timeout`),
        outsideHours: r.str(v.outside_hours, `${path}.outside_hours`),
        closed: r.str(v.closed, `${path}.closed`),
        returned: r.str(v.returned, `${path}.returned`),
        closedNext: r.str(v.closed_next, `${path}.closed_next`),
        cancelNext: r.str(v.cancel_next, `${path}.cancel_next`),
        returnTo,
      };
    }
    case 'end': {
      const outcome = v.outcome as never;
      if (!OUTCOMES.includes(outcome) || outcome === 'open') {
        r.fail(`${path}.outcome`, `expected resolved, handoff or out_of_scope, got "${String(v.outcome)}"`);
      }
      return { ...withCause, type, outcome, restartAt: r.str(v.then, `${path}.then`) };
    }
  }
}

/** Parses and merges the flow files. `flow` is null when any error was found. */
export function parseFlows(files: FlowFile[]): { flow: FlowDefinition | null; errors: FlowError[] } {
  const errors: FlowError[] = [];
  const states: Record<string, StateDef> = {};
  const global: TransitionDef[] = [];
  let start: string | null = null;
  let allText = '';
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    allText += `${file.name}\0${file.text}\0`;
    const r = new Reader(file.name);
    const doc = parseDocument(file.text, { uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors)
        r.fail(`line ${e.linePos?.[0]?.line ?? '?'}`, `YAML syntax: ${e.message.split('\n')[0]}`);
      errors.push(...r.errors);
      continue;
    }
    const root = doc.toJS() as unknown;
    if (!r.isObj(root, '(file)')) {
      errors.push(...r.errors);
      continue;
    }
    r.keys(root, ['start', 'global', 'states'], '(file)');
    if (root.start !== undefined) {
      if (start !== null) r.fail('start', 'start is set in more than one file');
      start = r.str(root.start, 'start');
    }
    if (root.global !== undefined) {
      r.list(root.global, 'global').forEach((t, i) => {
        const def = r.transition(t, `global[${i}]`);
        if (def) global.push(def);
      });
    }
    if (root.states !== undefined && r.isObj(root.states, 'states')) {
      for (const [name, v] of Object.entries(root.states)) {
        const path = `states.${name}`;
        if (states[name]) r.fail(path, `state "${name}" is also defined in ${states[name].origin.file}`);
        const def = parseState(r, name, v, path);
        if (def) states[name] = def;
      }
    }
    errors.push(...r.errors);
  }
  if (start === null)
    errors.push({ file: files[0]?.name ?? 'flows/', path: 'start', reason: 'no file sets start' });
  if (errors.length > 0 || start === null) return { flow: null, errors };
  return { flow: { start, global, states, version: contentHash(allText) }, errors };
}
