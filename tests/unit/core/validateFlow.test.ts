import { describe, expect, it } from 'vitest';
import { FlowLoadError } from '../../../src/core/errors.ts';
import { checkFlowFiles, loadFlow } from '../../../src/core/loadFlow.ts';
import { MINIMAL_FLOW } from '../../fixtures/flows/minimalFlow.ts';

const file = (text: string) => [{ name: 'flows/test.yaml', text }];
const broken = (from: string, to: string) => {
  if (!MINIMAL_FLOW.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return MINIMAL_FLOW.replace(from, to);
};

describe('flow validation', () => {
  it('accepts the minimal flow', () => {
    expect(checkFlowFiles(file(MINIMAL_FLOW)).errors).toEqual([]);
  });

  // Each case breaks one rule; the error must name the YAML path and say why.
  it.each([
    ['a YAML syntax error', broken('start: intake', 'start: [intake'), 'line', /YAML syntax/],
    [
      'a misspelt key',
      broken('    options:\n      - id: giftcard', '    optoins:\n      - id: giftcard'),
      'states.intake.optoins',
      /unknown key "optoins"/,
    ],
    [
      'an unknown state type',
      broken('type: pick', 'type: pik'),
      'states.picker.type',
      /unknown state type "pik"/,
    ],
    [
      'an unknown target state',
      broken('next: diagnose', 'next: diagnoze'),
      'states.check.options[0].next',
      /unknown state "diagnoze"/,
    ],
    [
      'an unknown condition',
      broken('when: branch_giftcard', 'when: branch_gitfcard'),
      'states.intake.free_text[0].when',
      /unknown condition "branch_gitfcard"/,
    ],
    [
      'an unknown action',
      broken('do: [note_complaint]', 'do: [note_complain]'),
      'states.intake.free_text[0].do[0]',
      /unknown action "note_complain"/,
    ],
    [
      'a wrong action parameter',
      broken('set_branch: giftcard', 'set_branch: card'),
      'states.intake.options[0].do[0]',
      /takes one of giftcard, account/,
    ],
    [
      'an unknown cause id',
      broken('cause: expired', 'cause: expird'),
      'states.diagnose.cause',
      /unknown cause id "expird"/,
    ],
    [
      'an unknown asks',
      broken('asks: resolved', 'asks: solved'),
      'states.diagnose.asks',
      /unknown or missing asks/,
    ],
    [
      'a question without options',
      broken(
        '    text: 解決しましたか?\n    options:',
        '    text: 解決しましたか?\n    options: []\n    x_options:',
      ),
      'states.diagnose',
      /options|unknown key/,
    ],
    [
      'a question without text',
      broken('    text: 期限は過ぎていますか?\n', ''),
      'states.check.text',
      /missing/,
    ],
    [
      'an unknown placeholder',
      broken('{summary}', '{sumary}'),
      'states.handoff',
      /unknown placeholder \{sumary\}/,
    ],
    [
      'a duplicate option id',
      broken(
        '      - id: no\n        label: いいえ\n        next: picker',
        '      - id: yes\n        label: いいえ\n        next: picker',
      ),
      'states.check.options[1]',
      /duplicate option id "yes"/,
    ],
    [
      'a pick check that asks no cause',
      broken('giftcard: [check]', 'giftcard: [diagnose]'),
      'states.picker',
      /must be a question that asks a cause/,
    ],
  ])('rejects %s', (_name, text, path, reason) => {
    const { flow, errors } = checkFlowFiles(file(text));
    expect(flow).toBeNull();
    expect(
      errors.some((e) => e.file === 'flows/test.yaml' && e.path.startsWith(path) && reason.test(e.reason)),
    ).toBe(true);
  });

  it('rejects a state that cannot be reached from the start', () => {
    const text = `${MINIMAL_FLOW}  lonely:\n    type: end\n    outcome: resolved\n    say: ひとり\n    then: intake\n`;
    const { errors } = checkFlowFiles(file(text));
    expect(errors).toContainEqual(
      expect.objectContaining({ path: 'states.lonely', reason: expect.stringMatching(/cannot be reached/) }),
    );
  });

  it('rejects a state from which no end can be reached', () => {
    const limbo =
      '  limbo:\n    type: question\n    asks: free_text\n    skip_global: [wants_human]\n    text: まだですか?\n' +
      '    options:\n      - id: again\n        label: もう一度\n        next: limbo\n';
    const text = `${broken('next: picker', 'next: limbo')}${limbo}`;
    const { errors } = checkFlowFiles(file(text));
    expect(errors).toContainEqual(
      expect.objectContaining({ path: 'states.limbo', reason: expect.stringMatching(/no end/) }),
    );
  });

  it('rejects a decide state without a last route for the other cases', () => {
    const text = broken(
      '  picker:',
      '  decider:\n    type: decide\n    routes:\n      - when: expiry_passed\n        next: diagnose\n  picker:',
    ).replace('next: picker', 'next: decider');
    const { errors } = checkFlowFiles(file(text));
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: 'states.decider',
        reason: expect.stringMatching(/last route without/),
      }),
    );
  });

  it('rejects flows without a start and states defined twice', () => {
    const { errors } = checkFlowFiles([
      { name: 'flows/a.yaml', text: 'states:\n  x:\n    type: end\n    outcome: resolved\n    then: x\n' },
      { name: 'flows/b.yaml', text: 'states:\n  x:\n    type: end\n    outcome: resolved\n    then: x\n' },
    ]);
    expect(errors.map((e) => e.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/also defined in flows\/a.yaml/), 'no file sets start']),
    );
  });

  it('throws a FlowLoadError that lists every error with file and path', () => {
    const text = broken('next: diagnose', 'next: nowhere').replace('cause: expired', 'cause: nothing');
    expect(() => loadFlow(file(text))).toThrowError(FlowLoadError);
    try {
      loadFlow(file(text));
    } catch (err) {
      expect((err as FlowLoadError).message).toMatch(/flows\/test\.yaml: states\.diagnose\.cause/);
    }
  });

  it('gives the same version for the same files and another for a changed file', () => {
    const a = loadFlow(file(MINIMAL_FLOW)).version;
    expect(loadFlow(file(MINIMAL_FLOW)).version).toBe(a);
    expect(loadFlow(file(MINIMAL_FLOW.replace('よかったです。', 'よかった!'))).version).not.toBe(a);
  });
});
