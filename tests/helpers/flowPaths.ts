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
    const options = asked?.type === 'question' ? asked.options : [];
    byState.set(s.name, [
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

function key(snapshot: { value: unknown; context: FlowContext }): string {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    c.branch,
    c.suspected,
    [...c.checked].sort(),
    c.expiryVerdict,
    c.issue !== null,
    c.cardType,
  ]);
}

export function generateFlowPaths(flow: FlowDefinition): {
  paths: FlowPath[];
  transitions: number;
  covered: number;
} {
  const machine = buildMachine(flow);
  const moves = flowMoves(flow);
  const prefixes = getShortestPaths(machine, {
    events: (s) => moves(String(s.value)),
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
      return String(actor.getSnapshot().value);
    });
    actor.stop();
    return { taken: rec.taken, states };
  };
  for (const prefix of prefixes) {
    const prefixEvents = prefix.steps
      .map((s) => s.event)
      .filter((e): e is FlowEvent => e.type.startsWith('user.'));
    const end = machine.getPersistedSnapshot(prefix.state as never);
    for (const move of moves(String(prefix.state.value))) {
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
