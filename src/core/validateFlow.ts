/**
 * Semantic checks of a parsed flow: every target, condition, action and placeholder is known, every
 * state can be reached from the start, and from every state an end can be reached.
 */
import { isCauseId } from './domain.ts';
import { FLOW_ACTIONS } from './flowActions.ts';
import type {
  ActionRef,
  FlowDefinition,
  FlowError,
  Origin,
  StateDef,
  TransitionDef,
} from './flowDefinition.ts';
import { CONDITION_NAMES, TEXT_CONDITION_NAMES } from './flowGuards.ts';

export const PLACEHOLDERS = ['summary', 'expiry', 'confusables_note', 'agent'];

/** The states a state can move to, each with where the move is written. */
export function flowEdges(flow: FlowDefinition, s: StateDef): { to: string; origin: Origin }[] {
  const of = (ts: TransitionDef[]) =>
    ts.map((t) => ({ to: t.next, origin: { ...t.origin, path: `${t.origin.path}.next` } }));
  switch (s.type) {
    case 'question':
      return [
        ...of(flow.global.filter((g) => !g.when.some((w) => s.skipGlobal.includes(w)))),
        ...of(s.options),
        ...of(s.freeText),
      ];
    case 'say':
      return [{ to: s.next, origin: { ...s.origin, path: `${s.origin.path}.next` } }];
    case 'pick':
      return [
        ...[...s.checks.giftcard, ...s.checks.account].map((to) => ({
          to,
          origin: { ...s.origin, path: `${s.origin.path}.checks` },
        })),
        { to: s.otherwise, origin: { ...s.origin, path: `${s.origin.path}.otherwise` } },
      ];
    case 'decide':
      return of(s.routes);
    case 'handoff': {
      const at = (key: string, to: string) => ({
        to,
        origin: { ...s.origin, path: `${s.origin.path}.${key}` },
      });
      return [
        at('closed_next', s.closedNext),
        at('cancel_next', s.cancelNext),
        ...s.returnTo.map((to) => at('return_to', to)),
      ];
    }
    case 'end': {
      const then = flow.states[s.restartAt];
      const own = { to: s.restartAt, origin: { ...s.origin, path: `${s.origin.path}.then` } };
      return then && then.type !== 'end' ? [own, ...flowEdges(flow, then)] : [own];
    }
  }
}

function reach(start: string[], next: (name: string) => string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const to of next(name)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

export function validateFlow(flow: FlowDefinition): FlowError[] {
  const errors: FlowError[] = [];
  const fail = (o: Origin, reason: string) => errors.push({ file: o.file, path: o.path, reason });
  const states = flow.states;
  const firstFile = Object.values(states)[0]?.origin.file ?? 'flows/';

  const checkActions = (refs: ActionRef[]) => {
    for (const a of refs) {
      const action = FLOW_ACTIONS[a.name];
      if (!action)
        fail(a.origin, `unknown action "${a.name}" (known: ${Object.keys(FLOW_ACTIONS).join(', ')})`);
      else if (action.params && !action.params.includes(a.param ?? ''))
        fail(a.origin, `action "${a.name}" takes one of ${action.params.join(', ')}, got "${a.param ?? ''}"`);
      else if (!action.params && a.param !== undefined)
        fail(a.origin, `action "${a.name}" takes no parameter`);
    }
  };
  const checkTexts = (texts: string[], o: Origin) => {
    for (const t of texts) {
      for (const m of t.matchAll(/\{([^}]*)\}/g)) {
        if (!PLACEHOLDERS.includes(m[1] ?? ''))
          fail(o, `unknown placeholder {${m[1]}} (known: ${PLACEHOLDERS.join(', ')})`);
      }
    }
  };
  const checkTransition = (t: TransitionDef, allowed: string[]) => {
    for (const w of t.when) {
      if (!allowed.includes(w))
        fail(
          { ...t.origin, path: `${t.origin.path}.when` },
          `unknown condition "${w}" (known: ${allowed.join(', ')})`,
        );
    }
    checkActions(t.do);
    checkTexts(t.say, t.origin);
  };

  if (!states[flow.start])
    errors.push({ file: firstFile, path: 'start', reason: `unknown state "${flow.start}"` });
  flow.global.forEach((g) => {
    if (g.when.length === 0) fail(g.origin, 'a global transition needs `when`');
    checkTransition(g, TEXT_CONDITION_NAMES);
  });

  for (const s of Object.values(states)) {
    for (const e of flowEdges(flow, s)) {
      if (!states[e.to]) fail(e.origin, `unknown state "${e.to}"`);
    }
    checkActions(s.do);
    checkTexts(s.say, s.origin);
    if (s.type === 'handoff')
      checkTexts([s.waiting, s.joined, s.timeout, s.outsideHours, s.closed, s.returned], s.origin);
    if (s.type === 'question') {
      checkTexts([s.text], s.origin);
      const ids = new Set<string>();
      s.options.forEach((o) => {
        if (ids.has(o.id)) fail(o.origin, `duplicate option id "${o.id}"`);
        ids.add(o.id);
        checkTransition(o, TEXT_CONDITION_NAMES);
      });
      for (const t of s.freeText) checkTransition(t, TEXT_CONDITION_NAMES);
      const globalNames = flow.global.flatMap((g) => g.when);
      for (const name of s.skipGlobal) {
        if (!globalNames.includes(name))
          fail(s.origin, `skip_global names "${name}", which no global transition uses`);
      }
    }
    if (s.type === 'decide') {
      const contextOnly = CONDITION_NAMES.filter((n) => !TEXT_CONDITION_NAMES.includes(n));
      s.routes.forEach((r, i) => {
        checkTransition(r, contextOnly);
        if (r.when.length === 0 && i < s.routes.length - 1)
          fail(r.origin, 'a route without `when` must be the last');
      });
      if (s.routes.at(-1)?.when.length !== 0)
        fail(s.origin, 'a decide state needs a last route without `when`');
    }
    if (s.type === 'pick') {
      for (const name of [...s.checks.giftcard, ...s.checks.account]) {
        const check = states[name];
        if (check && !(check.type === 'question' && isCauseId(check.asks)))
          fail(s.origin, `check "${name}" must be a question that asks a cause`);
      }
    }
    if (s.type === 'end' && states[s.restartAt] && states[s.restartAt]?.type !== 'question')
      fail({ ...s.origin, path: `${s.origin.path}.then` }, `"${s.restartAt}" must be a question state`);
  }
  if (errors.length > 0) return errors;

  const reachable = reach([flow.start], (n) =>
    states[n] ? flowEdges(flow, states[n]).map((e) => e.to) : [],
  );
  const incoming = new Map<string, string[]>();
  for (const s of Object.values(states)) {
    for (const e of flowEdges(flow, s)) incoming.set(e.to, [...(incoming.get(e.to) ?? []), s.name]);
  }
  const ends = Object.values(states)
    .filter((s) => s.type === 'end')
    .map((s) => s.name);
  const canEnd = reach(ends, (n) => incoming.get(n) ?? []);
  for (const s of Object.values(states)) {
    if (!reachable.has(s.name)) fail(s.origin, `state "${s.name}" cannot be reached from "${flow.start}"`);
    else if (!canEnd.has(s.name))
      fail(s.origin, `no end (resolved, handoff, out_of_scope) can be reached from "${s.name}"`);
  }
  return errors;
}
