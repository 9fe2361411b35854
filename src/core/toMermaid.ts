/** The flow as a Mermaid state diagram (`npm run flows:diagram`). */
import type { FlowDefinition, StateDef } from './flowDefinition.ts';

function label(when: string[], id?: string): string {
  const parts = [...(id ? [id] : []), ...when.filter((w) => w !== id)];
  return parts.join(' / ').replaceAll(':', ' ');
}

function lines(s: StateDef): string[] {
  const edge = (to: string, text: string) => `  ${s.name} --> ${to}${text ? ` : ${text}` : ''}`;
  switch (s.type) {
    case 'question':
      return [
        ...s.options.map((o) => edge(o.next, label(o.when, o.id))),
        ...s.freeText.map((t) => edge(t.next, label(t.when))),
      ];
    case 'say':
      return [edge(s.next, '')];
    case 'pick':
      return [
        ...s.checks.giftcard.map((c, i) => edge(c, `giftcard #${i + 1}`)),
        ...s.checks.account.map((c, i) => edge(c, `account #${i + 1}`)),
        edge(s.otherwise, 'all checked'),
      ];
    case 'decide':
      return s.routes.map((r) => edge(r.next, label(r.when) || 'otherwise'));
    case 'handoff':
      return [
        edge(s.closedNext, 'agent closed'),
        edge(s.cancelNext, 'user cancelled'),
        ...s.returnTo.map((to) => edge(to, 'back to the bot')),
      ];
    case 'end':
      return [edge(s.restartAt, 'new message'), `  ${s.name} --> [*]`];
  }
}

export function toMermaid(flow: FlowDefinition): string {
  const out = ['stateDiagram-v2', `  [*] --> ${flow.start}`];
  const globals = flow.global.map((g) => `${label(g.when)} → ${g.next}`).join(', ');
  out.push(`  note right of ${flow.start}: from every question: ${globals}`);
  for (const s of Object.values(flow.states)) out.push(...lines(s));
  return `${out.join('\n')}\n`;
}
