/**
 * Every transition of the real flows, taken by paths generated with @xstate/graph and driven
 * through the real engine (real kuromoji NLU, the repository's flows): free-text moves are read
 * by the NLU, buttons are pressed by id. Each step must rest where the generated path says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { buildMachine } from '../../src/core/buildMachine.ts';
import { loadFlow } from '../../src/core/loadFlow.ts';
import { readFlowFiles } from '../../src/readFlowFiles.ts';
import { createTestEngine } from '../helpers/createTestEngine.ts';
import { allTransitions, generateFlowPaths, stateName, transitionKey } from '../helpers/flowPaths.ts';

const flow = loadFlow(readFlowFiles('flows'));
const taken = new Set<string>();
const inspect = (e: InspectionEvent) => {
  if (e.type === '@xstate.microstep') for (const t of e._transitions) taken.add(transitionKey(t));
};
let app: Awaited<ReturnType<typeof createTestEngine>>;

beforeAll(async () => {
  app = await createTestEngine({ inspect });
});
afterAll(() => app.close());

describe('the real flows, driven through the real engine', () => {
  it('take every transition, each step resting where the generated path says', async () => {
    const generated = generateFlowPaths(flow);
    expect(generated.covered).toBe(generated.transitions);
    const mismatches: string[] = [];
    let turns = 0;
    const started = performance.now();
    for (const [i, path] of generated.paths.entries()) {
      const conversationId = `coverage-${i}`;
      for (const [step, event] of path.events.entries()) {
        if (event.type === 'user.text') await app.engine.handle({ conversationId, text: event.text });
        else if (event.type === 'user.choice')
          await app.engine.handle({ conversationId, choice: event.choice });
        else await app.engine.agent(conversationId, event);
        turns++;
        const saved = (await app.composed.store.load(conversationId))?.snapshot as { value: unknown };
        if (stateName(saved.value) !== path.states[step]) {
          const said = event.type === 'user.text' ? event.text : JSON.stringify(event);
          mismatches.push(
            `path ${i} step ${step}: "${said}" rested in ${stateName(saved.value)}, expected ${path.states[step]}`,
          );
          break;
        }
      }
    }
    const all = [...allTransitions(buildMachine(flow))].map(transitionKey);
    const missed = all.filter((k) => !taken.has(k));
    const perTurnMs = (performance.now() - started) / turns;
    console.log(
      `flow coverage: ${Object.keys(flow.states).length} states, ${all.length} transitions, ` +
        `${generated.paths.length} paths, ${turns} turns, ${all.length - missed.length} transitions taken; ` +
        `${perTurnMs.toFixed(2)} ms per turn`,
    );
    expect(mismatches.slice(0, 40)).toEqual([]);
    expect(missed).toEqual([]);
  }, 180_000);
});
