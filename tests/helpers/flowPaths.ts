/**
 * Paths through the real flow that together take every transition of the machine, generated
 * with @xstate/graph: shortest paths to every distinct state, each extended by every move, kept
 * when it takes a transition no kept path took yet.
 */
import { getShortestPaths } from '@xstate/graph';
import {
  type AnyStateMachine,
  type AnyTransitionDefinition,
  createActor,
  type InspectionEvent,
} from 'xstate';
import { buildMachine } from '../../src/core/buildMachine.ts';
import type { FlowContext, FlowEvent } from '../../src/core/flowContext.ts';
import type { FlowDefinition } from '../../src/core/flowDefinition.ts';
import type { AgentAction } from '../../src/core/ports.ts';
import { flowEdges } from '../../src/core/validateFlow.ts';
import { TEXT_MOVES } from './flowEvents.ts';
import { makeReading } from './makeReading.ts';

export const TODAY = '2026-12-01';

export interface FlowPath {
  events: FlowEvent[];
  /** The resting state after each event. */
  states: string[];
}

/** Every transition of the machine: events' and eventless ones. */
export function allTransitions(machine: AnyStateMachine): Set<AnyTransitionDefinition> {
  const out = new Set<AnyTransitionDefinition>();
  for (const node of Object.values(machine.root.states)) {
    for (const list of node.transitions.values()) for (const t of list) out.add(t);
    for (const t of node.always ?? []) out.add(t);
  }
  return out;
}

/** A name for a transition that is the same in every machine built from the same flow. */
export function transitionKey(t: AnyTransitionDefinition): string {
  const list = t.eventType === '' ? (t.source.always ?? []) : (t.source.transitions.get(t.eventType) ?? []);
  return `${t.source.id}#${t.eventType}#${list.indexOf(t)}`;
}

/** Collects the transitions an actor takes. */
export function transitionRecorder() {
  const taken = new Set<AnyTransitionDefinition>();
  return {
    taken,
    inspect: (e: InspectionEvent) => {
      if (e.type === '@xstate.microstep') for (const t of e._transitions) taken.add(t);
    },
  };
}

/** The moves worth trying in a state: every text move, and the typed labels and choices of its buttons. */
/** A state value as one name: `check_expired`, or `handoff.queued` inside a compound state. */
export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  const [parent, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['?', '?'];
  return `${parent}.${stateName(child)}`;
}

/** What agents and the handoff clock can do; sent through engine.agent() in the real drive. */
export function agentMoves(flow: FlowDefinition): AgentAction[] {
  const returns = Object.values(flow.states).flatMap((s) => (s.type === 'handoff' ? s.returnTo : []));
  return [
    { type: 'agent.joined', agent: '佐藤' },
    { type: 'agent.message', agent: '佐藤', text: 'ご注文履歴を一緒に確認しましょう。' },
    { type: 'agent.closed', agent: '佐藤' },
    ...[...new Set(returns)].map((to): AgentAction => ({ type: 'agent.returned', agent: '佐藤', to })),
    { type: 'agent.returned', agent: '佐藤' },
    { type: 'handoff.timeout', reason: 'no_agent' },
    { type: 'handoff.timeout', reason: 'outside_hours' },
  ];
}

export function flowMoves(flow: FlowDefinition): (value: string) => FlowEvent[] {
  const texts: FlowEvent[] = TEXT_MOVES.map((m) => ({
    type: 'user.text',
    text: m.text,
    reading: m.reading,
    today: TODAY,
  }));
  const byState = new Map<string, FlowEvent[]>();
  for (const s of Object.values(flow.states)) {
    const asked = s.type === 'question' ? s : s.type === 'end' ? flow.states[s.restartAt] : undefined;
    const options =
      asked?.type === 'question'
        ? asked.options
        : s.type === 'handoff'
          ? [{ id: 'cancel', label: s.cancelLabel }]
          : [];
    const names = s.type === 'handoff' ? [`${s.name}.queued`, `${s.name}.active`] : [s.name];
    for (const name of names)
      byState.set(name, [
        ...(s.type === 'handoff' ? agentMoves(flow) : []),
        ...texts,
        ...options.map(
          (o): FlowEvent => ({
            type: 'user.text',
            text: o.label,
            reading: makeReading({}, o.label),
            today: TODAY,
          }),
        ),
        ...[...options.map((o) => o.id), 'no_such_button'].map(
          (choice): FlowEvent => ({ type: 'user.choice', choice, today: TODAY }),
        ),
      ]);
  }
  return (value) => byState.get(value) ?? texts;
}

/**
 * States whose future depends on what the conversation remembers: those from which a `pick` or
 * `decide` state can be reached before an end or the start (both forget the context).
 */
function contextMatters(flow: FlowDefinition): Set<string> {
  const matters = new Set<string>();
  for (const name of Object.keys(flow.states)) {
    const seen = new Set([name]);
    const queue = [name];
    for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
      const s = flow.states[at];
      if (!s || (at !== name && (s.type === 'end' || at === flow.start))) continue;
      if (s.type === 'pick' || s.type === 'decide') {
        matters.add(name);
        break;
      }
      if (s.type === 'end') continue;
      for (const e of flowEdges(flow, s)) {
        if (!seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
  }
  return matters;
}

function keyer(flow: FlowDefinition) {
  const matters = contextMatters(flow);
  return (snapshot: { value: unknown; context: FlowContext }): string => {
    const c = snapshot.context;
    const top = stateName(snapshot.value).split('.')[0] ?? '';
    if (!matters.has(top)) return JSON.stringify([snapshot.value]);
    return JSON.stringify([snapshot.value, c.branch, c.suspected, [...c.checked].sort(), c.expiryVerdict]);
  };
}

export function generateFlowPaths(flow: FlowDefinition): {
  paths: FlowPath[];
  transitions: number;
  covered: number;
} {
  const machine = buildMachine(flow);
  const moves = flowMoves(flow);
  const key = keyer(flow);
  const prefixes = getShortestPaths(machine, {
    events: (s) => moves(stateName(s.value)),
    serializeState: (s) => key(s as never),
  });
  const all = allTransitions(machine);
  const covered = new Set<AnyTransitionDefinition>();
  const paths: FlowPath[] = [];
  // Shorter prefixes first, so the kept paths stay short.
  prefixes.sort((a, b) => a.steps.length - b.steps.length);
  const run = (events: FlowEvent[], from?: unknown) => {
    const rec = transitionRecorder();
    const actor = createActor(machine, {
      inspect: rec.inspect,
      ...(from ? { snapshot: from as never } : {}),
    }).start();
    const states = events.map((e) => {
      actor.send(e);
      return stateName(actor.getSnapshot().value);
    });
    actor.stop();
    return { taken: rec.taken, states };
  };
  for (const prefix of prefixes) {
    const prefixEvents = prefix.steps
      .map((s) => s.event)
      .filter((e): e is FlowEvent => !e.type.startsWith('xstate.'));
    const end = machine.getPersistedSnapshot(prefix.state as never);
    for (const move of moves(stateName(prefix.state.value))) {
      // One step from the prefix's end is enough to see whether the move takes a new transition.
      const step = run([move], end);
      if ([...step.taken].every((t) => covered.has(t))) continue;
      const whole = run([...prefixEvents, move]);
      for (const t of whole.taken) covered.add(t);
      paths.push({ events: [...prefixEvents, move], states: whole.states });
    }
  }
  return { paths, transitions: all.size, covered: [...covered].filter((t) => all.has(t)).length };
}
