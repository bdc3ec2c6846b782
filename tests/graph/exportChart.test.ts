// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chartToSvg } from '../../src/graph/exportChart';

describe('chart SVG export', () => {
  it('carries the marking top and bottom, the legend, line styles by grade, and escapes labels', () => {
    const svg = chartToSvg(
      [
        { id: 'a', kind: 'person', label: 'YP-01', role: 'young-person-at-risk', colour: '#0b7a75', youngPerson: true, x: 0, y: 0 },
        { id: 'b', kind: 'business', label: 'Kebabs & <Grill>', role: null, colour: '#b3261e', youngPerson: false, x: 200, y: 50 },
      ],
      [{ id: 'e', source: 'a', target: 'b', type: 'frequents', label: 'Frequents ×2', count: 2, strength: 'medium', linkIds: ['l1', 'l2'] }],
      { marking: 'OFFICIAL-SENSITIVE', title: 'Test' },
    );
    expect(svg.match(/OFFICIAL-SENSITIVE/g)).toHaveLength(2);
    expect(svg).toContain('Legend');
    expect(svg).toContain('stroke-dasharray="8 5"');
    expect(svg).toContain('Kebabs &amp; &lt;Grill&gt;');
    expect(svg).toContain('×2');
  });
});
