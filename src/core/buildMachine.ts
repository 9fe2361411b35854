/**
 * A validated FlowDefinition to an XState v5 machine. Every guard and action is referred to by
 * name and implemented in setup(), so the flow files stay declarative and tests can .provide().
 */
import { assign, emit, enqueueActions, setup } from 'xstate';
import { type Asks, isCauseId } from './domain.ts';
import { diagnose, FLOW_ACTIONS } from './flowActions.ts';
import { type FlowContext, type FlowEmitted, type FlowEvent, initialContext } from './flowContext.ts';
import type { ActionRef, FlowDefinition, OptionDef, StateDef, TransitionDef } from './flowDefinition.ts';
import { checkCondition } from './flowGuards.ts';

/** What the engine reads off the resting state to render a turn. */
export type StateMeta =
  | { kind: 'question'; asks: Asks; say: string[]; text: string; options: { id: string; label: string }[] }
  | { kind: 'end'; outcome: 'resolved' | 'handoff' | 'out_of_scope'; say: string[] }
  | {
      kind: 'handoff';
      phase: 'queued' | 'active';
      say: string[];
      text: string | null;
      options: { id: string; label: string }[];
    }
  | { kind: 'transient' };

export const REPROMPT_CHOICE =
  'すみません、その選択肢は今はお選びいただけません。下のボタンからお選びください。';
export const REPROMPT_ANSWER =
  'すみません、うまく読み取れませんでした。下のボタンから選ぶか、「はい」「いいえ」「わからない」のようにお答えください。';
export const REPROMPT_FREE_TEXT =
  'すみません、うまく読み取れませんでした。ギフト券の番号のことか、アカウントの残高のことか、起きたことをもう少し詳しく教えてください。';

/** Compares what a user typed with a button label, ignoring width, spaces and punctuation. */
export function sameLabel(text: string, label: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s、。!?!?・]/g, '');
  return norm(text) === norm(label);
}

type Params = Record<string, unknown>;
type ActionEntry = { type: string; params?: Params };

function named(refs: ActionRef[]): ActionEntry[] {
  return refs.map((a) => ({ type: 'flow', params: { name: a.name, param: a.param } }));
}
function sayAll(texts: string[]): ActionEntry[] {
  return texts.map((text) => ({ type: 'say', params: { text } }));
}

function transition(t: TransitionDef, record: ActionEntry[]) {
  const guard = t.when.length > 0 ? { type: 'when', params: { names: t.when } } : undefined;
  return { guard, target: t.next, actions: [...record, ...named(t.do), ...sayAll(t.say)] };
}

function questionHandlers(flow: FlowDefinition, s: Extract<StateDef, { type: 'question' }>) {
  const record = (option: OptionDef | null): ActionEntry => ({
    type: 'record',
    params: { state: s.name, asks: s.asks, option: option ? { id: option.id, label: option.label } : null },
  });
  const globals = flow.global.filter((g) => !g.when.some((w) => s.skipGlobal.includes(w)));
  const option = (o: OptionDef, guard: { type: string; params: Params }) => ({
    ...transition(o, [record(o)]),
    guard,
  });
  const reprompt = s.asks === 'free_text' ? REPROMPT_FREE_TEXT : REPROMPT_ANSWER;
  return {
    // A typed button label is unambiguous, so it goes before the global intents.
    'user.text': [
      ...s.options.map((o) => option(o, { type: 'label', params: { label: o.label } })),
      ...globals.map((g) => transition(g, [])),
      ...s.options
        .filter((o) => o.when.length > 0)
        .map((o) => option(o, { type: 'when', params: { names: o.when } })),
      ...s.freeText.map((t) => transition(t, [record(null)])),
      { actions: [{ type: 'say', params: { text: reprompt } }] },
    ],
    'user.choice': [
      ...s.options.map((o) => option(o, { type: 'chose', params: { id: o.id } })),
      { actions: [{ type: 'say', params: { text: REPROMPT_CHOICE } }] },
    ],
  };
}

function entryOf(s: StateDef): ActionEntry[] {
  const diagnosis = s.cause ? [{ type: 'diagnose', params: { cause: s.cause } }] : [];
  return [...diagnosis, ...named(s.do)];
}

function pickTransitions(s: Extract<StateDef, { type: 'pick' }>, flow: FlowDefinition) {
  const out: { guard: { type: string; params: Params }; target: string }[] = [];
  for (const suspectedOnly of [true, false]) {
    for (const branch of ['giftcard', 'account'] as const) {
      for (const target of s.checks[branch]) {
        const check = flow.states[target];
        const cause = check?.type === 'question' ? check.asks : null;
        out.push({ guard: { type: 'pick', params: { branch, cause, suspectedOnly } }, target });
      }
    }
  }
  return [...out, { target: s.otherwise }];
}

function stateConfig(flow: FlowDefinition, s: StateDef): Record<string, unknown> {
  const entry = entryOf(s);
  switch (s.type) {
    case 'question':
      return {
        entry,
        on: questionHandlers(flow, s),
        meta: {
          kind: 'question',
          asks: s.asks,
          say: s.say,
          text: s.text,
          options: s.options.map(({ id, label }) => ({ id, label })),
        },
      };
    case 'say':
      return { entry: [...entry, ...sayAll(s.say)], always: { target: s.next }, meta: { kind: 'transient' } };
    case 'pick':
      return { entry, always: pickTransitions(s, flow), meta: { kind: 'transient' } };
    case 'decide':
      return { entry, always: s.routes.map((r) => transition(r, [])), meta: { kind: 'transient' } };
    case 'end': {
      const then = flow.states[s.restartAt];
      const handlers =
        then?.type === 'question' ? questionHandlers(flow, then) : { 'user.text': [], 'user.choice': [] };
      const reset = { type: 'flow', params: { name: 'reset' } };
      // A message after the end starts afresh, handled as the `then` question would handle it.
      const fresh = {
        'user.text': handlers['user.text'].map((t) =>
          'target' in t ? { ...t, actions: [reset, ...t.actions] } : t,
        ),
        'user.choice': handlers['user.choice'].map((t) =>
          'target' in t ? { ...t, actions: [reset, ...t.actions] } : t,
        ),
      };
      return { entry, on: fresh, meta: { kind: 'end', outcome: s.outcome, say: s.say } };
    }
    case 'handoff':
      return handoffConfig(s, entry, flow.start);
  }
}

/**
 * The handoff as two phases: queued (the bot answers a user's message with a short "please wait"
 * and a cancel button) and active (an agent holds it: the bot is silent and relays the user).
 */
function handoffConfig(s: Extract<StateDef, { type: 'handoff' }>, entry: ActionEntry[], start: string) {
  const top = (name: string) => `#madoguchi.${name}`;
  const relay = { type: 'relay' };
  const cancel = {
    target: top(s.cancelNext),
    actions: [{ type: 'notify', params: { type: 'handoff.cancelled' } }],
  };
  const options = [{ id: 'cancel', label: s.cancelLabel }];
  // Back at the start is a new topic: the conversation forgets the last one, as after an end.
  const back = (to: string) => ({
    target: top(to),
    actions: [
      ...(to === start ? [{ type: 'flow', params: { name: 'reset' } }] : []),
      ...sayAll([s.returned]),
    ],
  });
  return {
    entry,
    initial: 'queued',
    states: {
      queued: {
        meta: { kind: 'handoff', phase: 'queued', say: s.say, text: s.waiting, options },
        on: {
          'agent.joined': { target: 'active', actions: [{ type: 'join' }, ...sayAll([s.joined])] },
          'handoff.timeout': [
            { guard: { type: 'outsideHours' }, actions: sayAll([s.outsideHours]) },
            { actions: sayAll([s.timeout]) },
          ],
          'user.text': [
            { ...cancel, guard: { type: 'label', params: { label: s.cancelLabel } } },
            { actions: [relay] },
          ],
          'user.choice': [
            { ...cancel, guard: { type: 'chose', params: { id: 'cancel' } } },
            { actions: [relay] },
          ],
        },
      },
      active: {
        meta: { kind: 'handoff', phase: 'active', say: [], text: null, options: [] },
        on: {
          'user.text': { actions: [relay] },
          'user.choice': { actions: [relay] },
          'agent.message': { actions: [{ type: 'agentSays' }] },
          'agent.closed': { target: top(s.closedNext), actions: sayAll([s.closed]) },
          'agent.returned': [
            ...s.returnTo.map((to) => ({ guard: { type: 'returnTo', params: { to } }, ...back(to) })),
            { guard: { type: 'returnTo', params: { to: null } }, ...back(s.returnTo[0] ?? start) },
          ],
        },
      },
    },
  };
}

export function buildMachine(flow: FlowDefinition) {
  return setup({
    types: {
      context: {} as FlowContext,
      events: {} as FlowEvent,
      emitted: {} as FlowEmitted,
    },
    guards: {
      when: ({ context, event }, params: { names: string[] }) =>
        params.names.some((n) => checkCondition(n, context, event)),
      label: ({ event }, params: { label: string }) =>
        event.type === 'user.text' && sameLabel(event.text, params.label),
      chose: ({ event }, params: { id: string }) =>
        event.type === 'user.choice' && event.choice === params.id,
      outsideHours: ({ event }) => event.type === 'handoff.timeout' && event.reason === 'outside_hours',
      // `to: null` takes a return without a target, or with one the flow does not allow.
      returnTo: ({ event }, params: { to: string | null }) =>
        event.type === 'agent.returned' && (params.to === null || event.to === params.to),
      pick: ({ context }, params: { branch: string; cause: string | null; suspectedOnly: boolean }) =>
        context.branch === params.branch &&
        isCauseId(params.cause) &&
        !context.checked.includes(params.cause) &&
        (!params.suspectedOnly || context.suspected === params.cause),
    },
    actions: {
      flow: enqueueActions(({ context, event, enqueue }, params: { name: string; param?: string }) => {
        const action = FLOW_ACTIONS[params.name];
        if (!action) return;
        enqueue.assign(action.run(context, event, params.param));
        if (action.handoff) enqueue.emit({ type: 'handoff.requested' });
        const rating = action.rating?.(event);
        if (rating) enqueue.emit({ type: 'handoff.rated', rating });
      }),
      relay: emit(({ event }) => ({
        type: 'handoff.user_message' as const,
        text:
          event.type === 'user.text' ? event.text : event.type === 'user.choice' ? `[${event.choice}]` : '',
      })),
      notify: emit((_, params: { type: 'handoff.cancelled' }) => ({ type: params.type })),
      join: assign(({ event }) => ({ agent: event.type === 'agent.joined' ? event.agent : null })),
      agentSays: emit(({ event }) => ({
        type: 'reply' as const,
        text: event.type === 'agent.message' ? `${event.agent}: ${event.text}` : '',
      })),
      say: emit((_, params: { text: string }) => ({ type: 'reply' as const, text: params.text })),
      diagnose: assign(({ context }, params: { cause: string }) => diagnose(context, params.cause)),
      record: assign(
        (
          { context, event },
          params: { state: string; asks: Asks; option: { id: string; label: string } | null },
        ) => {
          const answer =
            params.option?.label ??
            (event.type === 'user.text'
              ? event.text.slice(0, 200)
              : event.type === 'user.choice'
                ? event.choice
                : '');
          const record = {
            state: params.state,
            asks: params.asks,
            answer,
            option: params.option?.id ?? null,
          };
          const checked =
            isCauseId(params.asks) && !context.checked.includes(params.asks)
              ? [...context.checked, params.asks]
              : context.checked;
          return { answers: [...context.answers, record], checked };
        },
      ),
    },
  }).createMachine({
    id: 'madoguchi',
    context: initialContext,
    initial: flow.start,
    // biome-ignore lint/suspicious/noExplicitAny: the state configs are generated from data and checked by validateFlow
    states: Object.fromEntries(Object.values(flow.states).map((s) => [s.name, stateConfig(flow, s)])) as any,
  });
}

export type FlowMachine = ReturnType<typeof buildMachine>;
