import type { AllocationInput, AllocationSlot, AllocationStudent } from './solver';
import { createPrng } from './solver/prng';

/**
 * PrefLib's formats for orders (issue 14): `.soi` (strict orders, incomplete) and `.toi`
 * (orders with ties, incomplete), so an event's preferences can be shared as a research
 * instance and research instances replayed through the solver.
 *
 *   # DATA TYPE: toi
 *   # NUMBER ALTERNATIVES: 3
 *   # NUMBER VOTERS: 7
 *   # NUMBER UNIQUE ORDERS: 2
 *   # ALTERNATIVE NAME 1: volunteer 1
 *   4: 1,{2,3}
 *   3: 2
 *
 * Alternatives are numbered from 1; `{…}` holds tied alternatives. Students are never named:
 * identical orders are merged into one line with their count.
 */
export type PreflibType = 'soi' | 'toi';

export interface PreflibOrders {
  type: PreflibType;
  /** Alternative names by number − 1. */
  alternatives: string[];
  /** Each unique order (groups of tied alternative numbers, best first) and how many students gave it. */
  orders: { count: number; order: number[][] }[];
}

/** One student's choices as (alternative key, rank) pairs; equal ranks are ties. */
export interface RankedKeys {
  choices: { key: string; rank: number }[];
}

export class PreflibFormatError extends Error {
  override readonly name = 'PreflibFormatError';
}

/**
 * Builds the anonymised orders: alternatives get neutral names from `label` (no volunteer's
 * name), students are merged by identical order. `.soi` when no student has a tie, else `.toi`.
 */
export function toPreflibOrders(students: readonly RankedKeys[], label: (key: string) => string): PreflibOrders {
  const keys = [...new Set(students.flatMap((s) => s.choices.map((c) => c.key)))].sort();
  const number = new Map(keys.map((k, i) => [k, i + 1]));
  const counts = new Map<string, { count: number; order: number[][] }>();
  let ties = false;
  for (const s of students) {
    if (s.choices.length === 0) continue;
    const byRank = new Map<number, number[]>();
    for (const c of s.choices) byRank.set(c.rank, [...(byRank.get(c.rank) ?? []), number.get(c.key)!]);
    const order = [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => [...new Set(group)].sort((a, b) => a - b));
    if (order.some((g) => g.length > 1)) ties = true;
    const text = formatOrder(order);
    const seen = counts.get(text);
    if (seen) seen.count++;
    else counts.set(text, { count: 1, order });
  }
  const orders = [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .map(([, v]) => v);
  return { type: ties ? 'toi' : 'soi', alternatives: keys.map(label), orders };
}

const formatOrder = (order: number[][]) => order.map((g) => (g.length === 1 ? String(g[0]) : `{${g.join(',')}}`)).join(',');

export function formatPreflib(data: PreflibOrders, meta: { title: string; fileName?: string; date?: string }): string {
  const voters = data.orders.reduce((n, o) => n + o.count, 0);
  const clean = (text: string) => text.replace(/[\r\n]+/g, ' ');
  const lines = [
    `# FILE NAME: ${clean(meta.fileName ?? `fairgrid.${data.type}`)}`,
    `# TITLE: ${clean(meta.title)}`,
    '# DESCRIPTION: Anonymised interview preferences exported by Fairgrid; students are merged by identical order.',
    `# DATA TYPE: ${data.type}`,
    '# MODIFICATION TYPE: original',
    '# RELATES TO:',
    '# RELATED FILES:',
    `# PUBLICATION DATE: ${meta.date ?? ''}`,
    `# MODIFICATION DATE: ${meta.date ?? ''}`,
    `# NUMBER ALTERNATIVES: ${data.alternatives.length}`,
    `# NUMBER VOTERS: ${voters}`,
    `# NUMBER UNIQUE ORDERS: ${data.orders.length}`,
    ...data.alternatives.map((name, i) => `# ALTERNATIVE NAME ${i + 1}: ${clean(name)}`),
    ...data.orders.map((o) => `${o.count}: ${formatOrder(o.order)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Parses a `.soi` or `.toi` file; throws PreflibFormatError naming the line on anything else. */
export function parsePreflib(text: string): PreflibOrders {
  let type: PreflibType | undefined;
  let alternativeCount = 0;
  const names = new Map<number, string>();
  const orders: PreflibOrders['orders'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const where = `line ${i + 1}`;
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s*([A-Z][A-Z ]*?)(?:\s+(\d+))?\s*:\s*(.*)$/.exec(line);
      if (!m) return;
      const [, key, index, value] = m;
      if (key === 'DATA TYPE') {
        if (value !== 'soi' && value !== 'toi') throw new PreflibFormatError(`${where}: data type ${value} is not soi or toi`);
        type = value;
      } else if (key === 'NUMBER ALTERNATIVES') alternativeCount = Number(value);
      else if (key === 'ALTERNATIVE NAME' && index) names.set(Number(index), value);
      return;
    }
    const m = /^(\d+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new PreflibFormatError(`${where}: expected "count: order"`);
    const order: number[][] = [];
    const seen = new Set<number>();
    for (const group of m[2].match(/\{[^}]*\}|[^,{}]+/g) ?? []) {
      const members = group.replace(/[{}]/g, '').split(',').map((x) => x.trim()).filter(Boolean).map(Number);
      if (members.length === 0 || members.some((a) => !Number.isInteger(a) || a < 1 || (alternativeCount > 0 && a > alternativeCount) || seen.has(a))) {
        throw new PreflibFormatError(`${where}: bad or repeated alternative in ${group}`);
      }
      members.forEach((a) => seen.add(a));
      order.push(members);
    }
    if (order.length === 0) throw new PreflibFormatError(`${where}: empty order`);
    orders.push({ count: Number(m[1]), order });
  });
  if (!type) throw new PreflibFormatError('missing "# DATA TYPE: soi" or "toi"');
  if (type === 'soi' && orders.some((o) => o.order.some((g) => g.length > 1))) throw new PreflibFormatError('a .soi file has ties');
  const total = alternativeCount || Math.max(0, ...orders.flatMap((o) => o.order.flat()));
  const alternatives = Array.from({ length: total }, (_, i) => names.get(i + 1) ?? `alternative ${i + 1}`);
  return { type, alternatives, orders };
}

/**
 * A replayable instance from PrefLib orders: each alternative becomes a volunteer with
 * `slotsPerAlternative` half-hour slots over one day, each voter a student whose tied groups
 * share a rank (capped at `rankCount`, deeper groups dropped).
 */
export function instanceFromPreflib(
  data: PreflibOrders,
  options: { slotsPerAlternative: number; maxInterviewsPerStudent: number; rankCount?: number; seed?: string },
): AllocationInput {
  const rankCount = options.rankCount ?? 5;
  const day = Date.UTC(2026, 2, 10, 13, 0);
  const prng = createPrng(options.seed ?? 'preflib');
  const slots: AllocationSlot[] = data.alternatives.flatMap((_, a) => {
    // A staggered start per alternative, so students can hold several interviews.
    const offset = prng.int(Math.max(1, options.slotsPerAlternative));
    return Array.from({ length: options.slotsPerAlternative }, (_, k) => {
      const startsAt = day + ((offset + k) % Math.max(options.slotsPerAlternative, 1)) * 30 * 60_000;
      return { id: `a${a + 1}-${k}`, volunteerId: `a${a + 1}`, startsAt, endsAt: startsAt + 30 * 60_000, capacity: 1 };
    });
  });
  const students: AllocationStudent[] = [];
  data.orders.forEach((o, i) => {
    for (let c = 0; c < o.count; c++) {
      const choices = o.order
        .slice(0, rankCount)
        .flatMap((group, r) => group.map((a) => ({ rank: r + 1, volunteerId: `a${a}` })));
      students.push({ id: `v${String(i).padStart(4, '0')}-${String(c).padStart(4, '0')}`, choices });
    }
  });
  return { slots, students, maxInterviewsPerStudent: options.maxInterviewsPerStudent, rankCount };
}
