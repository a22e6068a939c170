import { formatPreflib, instanceFromPreflib, parsePreflib, PreflibFormatError, toPreflibOrders } from './preflib';
import { solveAllocation } from './solver';
import { findViolations } from './solver/verify';

describe('PrefLib .soi/.toi', () => {
  it('merges identical orders, numbers alternatives, and writes ties only as .toi', () => {
    const students = [
      { choices: [{ key: 'v:b', rank: 1 }, { key: 't:finance', rank: 2 }] },
      { choices: [{ key: 'v:b', rank: 1 }, { key: 't:finance', rank: 2 }] },
      { choices: [{ key: 'o:x', rank: 1 }] },
      { choices: [] },
    ];
    const soi = toPreflibOrders(students, (k) => k.replace(':', ' '));
    expect(soi).toEqual({
      type: 'soi',
      alternatives: ['o x', 't finance', 'v b'],
      orders: [
        { count: 2, order: [[3], [2]] },
        { count: 1, order: [[1]] },
      ],
    });
    const text = formatPreflib(soi, { title: 'Spring fair', date: '2026-03-01' });
    expect(text).toContain('# DATA TYPE: soi\n');
    expect(text).toContain('# NUMBER VOTERS: 3\n');
    expect(text).toContain('# ALTERNATIVE NAME 2: t finance\n');
    expect(text.trim().split('\n').slice(-2)).toEqual(['2: 3,2', '1: 1']);
    expect(parsePreflib(text)).toEqual(soi);

    const rated = toPreflibOrders([{ choices: [{ key: 'a', rank: 1 }, { key: 'b', rank: 1 }, { key: 'c', rank: 3 }] }], (k) => k);
    expect(rated.type).toBe('toi');
    const toi = formatPreflib(rated, { title: 'x' });
    expect(toi.trim().split('\n').at(-1)).toBe('1: {1,2},3');
    expect(parsePreflib(toi)).toEqual(rated);
  });

  it('reads a PrefLib file with ties and refuses malformed ones with the line', () => {
    const file = ['# DATA TYPE: toi', '# NUMBER ALTERNATIVES: 4', '# ALTERNATIVE NAME 1: Ann', '5: 1,{2,3},4', '2: {4,1}', ''].join('\n');
    expect(parsePreflib(file)).toEqual({
      type: 'toi',
      alternatives: ['Ann', 'alternative 2', 'alternative 3', 'alternative 4'],
      orders: [
        { count: 5, order: [[1], [2, 3], [4]] },
        { count: 2, order: [[4, 1]] },
      ],
    });
    expect(() => parsePreflib('# DATA TYPE: soi\n1: {1,2}\n')).toThrow(PreflibFormatError);
    expect(() => parsePreflib('# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 2\n1: 1,3\n')).toThrow(/line 3/);
    expect(() => parsePreflib('# DATA TYPE: toi\n1: 1,1\n')).toThrow(/repeated/);
    expect(() => parsePreflib('1: 1\n')).toThrow(/DATA TYPE/);
    expect(() => parsePreflib('# DATA TYPE: toc\n')).toThrow(/not soi or toi/);
  });

  it('replays orders through the solver as an instance that keeps every rule', () => {
    const file = ['# DATA TYPE: toi', '# NUMBER ALTERNATIVES: 5', '30: 1,{2,3},4', '20: {1,5},2', '10: 3', ''].join('\n');
    const input = instanceFromPreflib(parsePreflib(file), { slotsPerAlternative: 8, maxInterviewsPerStudent: 2 });
    expect(input.students).toHaveLength(60);
    const result = solveAllocation(input, { seed: 'preflib' });
    expect(findViolations(input, result)).toEqual([]);
    expect(result.stats.studentsPlaced).toBeGreaterThan(30);
  });
});
