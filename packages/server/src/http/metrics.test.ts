import { describe, expect, it } from 'vitest';
import { createMetrics, escapeLabelValue } from './metrics.ts';

describe('metrics text format', () => {
  it.each([
    ['a "quoted" value', 'a \\"quoted\\" value'],
    ['two\nlines', 'two\\nlines'],
    ['back\\slash', 'back\\\\slash'],
    ['plain /api/users/:id', 'plain /api/users/:id'],
  ])('escapes the label value %j', (value, escaped) => {
    expect(escapeLabelValue(value)).toBe(escaped);
  });

  it('renders a counter whose label holds quotes, newlines and backslashes on one valid line', () => {
    const metrics = createMetrics();
    metrics.count('gatehouse_test_total', { route: 'x"} evil 1\nforged_total 9\\' });
    const lines = metrics
      .render()
      .split('\n')
      .filter((l) => l.startsWith('gatehouse_test_total'));
    expect(lines).toEqual(['gatehouse_test_total{route="x\\"} evil 1\\nforged_total 9\\\\"} 1']);
    expect(metrics.render()).not.toMatch(/^forged_total/m);
  });
});
