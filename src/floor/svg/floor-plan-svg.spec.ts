import type { FloorPlanDocument } from '../floor-plan.types';
import { renderFloorPlanSvg } from './floor-plan-svg';
import { escapeXml, shortenLabel, shortenName, shortenPersonName } from './svg-text';

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

  describe('interview tables', () => {
    const V1 = '00000000-0000-4000-8000-0000000000a1';
    const V2 = '00000000-0000-4000-8000-0000000000a2';
    const volunteers = new Map([
      [V1, { name: 'Alexandra Papadopoulou', organization: 'Globex' }],
      [V2, { name: 'Bo Chan', organization: 'Initech' }],
    ]);
    const at = (iso: string) => new Date(iso);
    const withTables = (t1: { volunteerId: string; startsAt: string; endsAt: string }[]): FloorPlanDocument => ({
      halls: [
        {
          ...plan.halls[0],
          places: [
            { label: 'T1', kind: 'interview_table', x: 10, y: 5, width: 3, height: 2, rotation: 0, assignments: t1 },
            { label: 'T2', kind: 'interview_table', x: 14, y: 5, width: 3, height: 2, rotation: 0 },
          ],
        },
      ],
    });
    const morning = { volunteerId: V1, startsAt: '2026-03-10T13:00:00.000Z', endsAt: '2026-03-10T16:00:00.000Z' };
    const afternoon = { volunteerId: V2, startsAt: '2026-03-10T16:00:00.000Z', endsAt: '2026-03-10T21:00:00.000Z' };
    const render = (t1: (typeof morning)[], when?: Date) =>
      renderFloorPlanSvg({ title: 'Fair', plan: withTables(t1), exhibitorNames: new Map(), volunteers, at: when, timezone: 'America/New_York' });

    it('name the one volunteer, by surname when the whole name does not fit, with the full name, firm and hours in the tooltip', () => {
      const svg = render([morning]);
      expect(svg).toContain('>Papadopoulou<');
      expect(svg).toContain('<title>T1 · Interview table · Alexandra Papadopoulou (Globex) 09:00–12:00</title>');
      // A table nobody is assigned to gets no caption.
      expect(svg).toContain('<title>T2 · Interview table</title>');
    });

    it('count several volunteers over the day when their names do not fit, and show the one at `at`', () => {
      expect(render([morning, afternoon])).toContain('>2 volunteers<');
      const noon = render([morning, afternoon], at('2026-03-10T16:30:00Z'));
      expect(noon).toContain('>Bo Chan<');
      expect(noon).not.toContain('Papadopoulou');
      expect(noon).toContain('>Free<');
      expect(noon).toContain('>Interview tables at Tue 10 Mar, 12:30<');
      expect(noon).toContain('Interview tables show who sits there at Tue 10 Mar, 12:30.</desc>');
      // An assignment ends where the next starts: at 12:00 the afternoon volunteer sits there.
      expect(render([morning, afternoon], at('2026-03-10T16:00:00Z'))).toContain('>Bo Chan<');
    });

    it('say who sits at a highlighted table', () => {
      const svg = renderFloorPlanSvg({ title: 'Fair', plan: withTables([afternoon]), exhibitorNames: new Map(), volunteers, highlight: 'T1', timezone: 'UTC' });
      expect(svg).toContain('Highlighted: T1, Bo Chan (Initech) 16:00–21:00, in Hall A.</desc>');
    });

    it('escape hostile volunteer names', () => {
      const hostile = new Map([[V1, { name: '<script>alert(1)</script> & Co', organization: '<b>x</b>' }]]);
      const svg = renderFloorPlanSvg({ title: 'Fair', plan: withTables([morning]), exhibitorNames: new Map(), volunteers: hostile });
      expect(svg).not.toContain('<script');
      expect(svg).not.toContain('<b>');
      expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (&lt;b&gt;x&lt;/b&gt;)');
      expect(svg.match(/&(?!(amp|lt|gt|quot|#39);)/g)).toBeNull();
    });
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

  it('shortens people to initials and surname, keeping suffix-like surnames', () => {
    expect(shortenPersonName('Ann  Lee', 10)).toBe('Ann Lee');
    expect(shortenPersonName('Maria Co', 20)).toBe('Maria Co');
    expect(shortenPersonName('Alexandra Papadopoulou', 15)).toBe('A. Papadopoulou');
    expect(shortenPersonName('Alexandra Papadopoulou', 12)).toBe('Papadopoulou');
    expect(shortenPersonName('Alexandra Papadopoulou', 8)).toBe('A. Papa…');
    expect(shortenPersonName('Cher', 2)).toBe('C…');
  });

  it('shortens place labels keeping what tells them apart: every 2 m table of twenty reads differently', () => {
    expect(shortenLabel('Table 12', 8)).toBe('Table 12');
    expect(shortenLabel('Table 12', 5)).toBe('T12');
    expect(shortenLabel('Interview table 7', 5)).toBe('IT7');
    expect(shortenLabel('Table 12', 2)).toBe('12');
    expect(shortenLabel('Table 123', 2)).toBe('…3');
    expect(shortenLabel('East Hall', 6)).toBe('E-Hall');
    expect(shortenLabel('Restrooms', 6)).toBe('Restr…');
    const labels = Array.from({ length: 20 }, (_, i) => shortenLabel(`Table ${i + 1}`, 4));
    expect(new Set(labels).size).toBe(20);
  });

  it('escapes XML specials and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"'\u0000\uFFFF\uD800z`)).toBe('a&lt;b&gt;&amp;&quot;&#39;z');
    expect(escapeXml('😀')).toBe('😀');
  });
});
