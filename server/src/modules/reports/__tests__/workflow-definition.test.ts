import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_WORKFLOW, validateWorkflow } from '../workflow-definition.js';

describe('workflow definition', () => {
  it('accepts the default and lists every problem of a broken one', () => {
    expect(validateWorkflow(structuredClone(DEFAULT_REPORT_WORKFLOW))).toBeTruthy();
    const broken = structuredClone(DEFAULT_REPORT_WORKFLOW) as unknown as {
      states: Record<string, unknown>;
      actions: Record<string, { from: string[]; by: string[] }>;
    };
    broken.actions.start!.from = ['nowhere'];
    broken.actions.resolve!.by = ['mayor'];
    delete broken.actions.reopen;
    delete broken.states.rejected;
    try {
      validateWorkflow(broken);
      expect.unreachable();
    } catch (error) {
      const problems = (error as { details: { problems: string[] } }).details.problems;
      expect((error as { code: string }).code).toBe('REPORT_WORKFLOW_INVALID');
      expect(problems).toEqual(
        expect.arrayContaining([
          'action start: unknown state nowhere',
          'action resolve: unknown role mayor',
          'action reopen: missing',
          'state rejected: missing',
          'action reject: unknown state rejected',
        ]),
      );
    }
  });
});
