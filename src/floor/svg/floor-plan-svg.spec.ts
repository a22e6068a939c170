import type { FloorPlanDocument } from '../floor-plan.types';
import { renderFloorPlanSvg } from './floor-plan-svg';
import { escapeXml, shortenName } from './svg-text';

const EX = '00000000-0000-4000-8000-000000000001';
const plan: FloorPlanDocument = {
  halls: [
    {
      key: 'A',
      name: 'Hall A',
      width: 30,
      height: 12,
      places: [
        { label: 'B1', kind: 'booth', x: 1, y: 1, width: 4, height: 3, rotation: 0, exhibitorId: EX },
        { label: 'T1', kind: 'interview_table', x: 10, y: 5, width: 2, height: 1, rotation: 90 },
        { label: 'In', kind: 'entrance', x: 0, y: 10, width: 3, height: 2, rotation: 0 },
        { label: 'Desk', kind: 'check_in', x: 5, y: 10, width: 3, height: 2, rotation: 0 },
      ],
    },
  ],
};

describe('renderFloorPlanSvg', () => {
  it('draws a titled, described map with every label, a legend and the marked service points', () => {
    const svg = renderFloorPlanSvg({ title: 'Spring Fair', plan, exhibitorNames: new Map([[EX, 'Acme Robotics Inc.']]) });
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title id="fp-title">Floor plan: Spring Fair</title>');
    expect(svg).toMatch(/<desc id="fp-desc">Floor plan with 1 hall\(s\): Hall A \(30 by 12 metres\)\. Places: 1 × booth, 1 × interview table, 1 × check-in, 1 × entrance\.<\/desc>/);
    for (const label of ['B1', 'T1', 'In', 'Desk', 'Acme Robotics', 'Legend', 'Entrance', 'Check-in', 'Restroom']) expect(svg).toContain(`>${label}<`);
    expect(svg).toContain('<title>B1 · Booth · Acme Robotics Inc.</title>');
    expect(svg).toContain('transform="rotate(90');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).not.toContain('highlighted');
  });

  it('highlights one place and says so in the description', () => {
    const svg = renderFloorPlanSvg({ title: 'Fair', plan, exhibitorNames: new Map([[EX, 'Acme']]), highlight: 'B1' });
    expect(svg).toContain('class="place booth highlighted"');
    expect(svg).toContain('Highlighted: B1, Acme, in Hall A.</desc>');
    const missing = renderFloorPlanSvg({ title: 'Fair', plan, exhibitorNames: new Map(), highlight: 'Z9' });
    expect(missing).toContain('No place is labelled Z9');
    expect(missing).not.toContain('class="place booth highlighted"');
  });

  it('escapes every piece of user text, so names cannot inject markup', () => {
    const hostile = '<script>alert(1)</script> & "Co" \'x\' \u0001';
    const svg = renderFloorPlanSvg({
      title: hostile,
      plan: { halls: [{ ...plan.halls[0], name: hostile, places: [{ ...plan.halls[0].places[0], label: '<b>&' }] }] },
      exhibitorNames: new Map([[EX, hostile]]),
      highlight: '<b>&',
    });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;');
    expect(svg).toContain('&lt;b&gt;&amp;');
    // Every & starts an entity.
    expect(svg.match(/&(?!(amp|lt|gt|quot|#39);)/g)).toBeNull();
  });

  it('says when there is no plan yet', () => {
    expect(renderFloorPlanSvg({ title: 'Empty', plan: { halls: [] }, exhibitorNames: new Map() })).toContain('>No floor plan yet.<');
  });
});

describe('shortenName', () => {
  it('drops legal suffixes, keeps whole words, and ends with an ellipsis', () => {
    expect(shortenName('Acme Corporation', 20)).toBe('Acme');
    expect(shortenName('Globex, Inc.', 20)).toBe('Globex');
    expect(shortenName('International Business Machines', 20)).toBe('International…');
    expect(shortenName('Supercalifragilistic', 8)).toBe('Superca…');
    expect(shortenName('Short', 8)).toBe('Short');
    expect([...shortenName('😀😀😀😀😀😀', 4)]).toHaveLength(4);
  });

  it('escapes XML specials and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"'\u0000\uFFFF\uD800z`)).toBe('a&lt;b&gt;&amp;&quot;&#39;z');
    expect(escapeXml('😀')).toBe('😀');
  });
});
