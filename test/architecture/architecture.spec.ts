import { join } from 'node:path';
import { boundaries, TABLE_OWNERS } from './boundaries';
import { cycles, entityOwnersOf, importCycles, readSources, repositoryViolations, SourceFile, tablesIn, tableViolations } from './check';

const sources = readSources(join(__dirname, '..', '..'));
const declared = boundaries(entityOwnersOf(sources));

describe('module boundaries of src/', () => {
  it('no module names another module\'s table in SQL outside a declared read model, and none writes one', () => {
    expect(tableViolations(sources, declared)).toEqual([]);
  });

  it('no module opens a TypeORM repository of another module\'s entity', () => {
    expect(repositoryViolations(sources, declared)).toEqual([]);
  });

  it('imports form no cycle, between files or between modules', () => {
    expect(importCycles(sources)).toEqual([]);
  });

  it('every table the migrations create has an owner, and every read model file exists', () => {
    const created = new Set(sources.filter((f) => f.path.includes('/migrations/')).flatMap((f) => [...f.text.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1])));
    expect([...created].filter((t) => !(t in TABLE_OWNERS))).toEqual([]);
    const paths = new Set(sources.map((f) => f.path));
    expect(declared.readModels.map((r) => r.file).filter((f) => !paths.has(f))).toEqual([]);
  });
});

/** The checks themselves, on small examples: each must fail when it should. */
describe('the boundary checks', () => {
  const file = (path: string, text: string): SourceFile => ({ path, text });
  const rules = { owners: { slots: 'slots', bookings: 'bookings' }, readModels: [{ file: 'src/slots/page.ts', reads: ['bookings'], why: 'test' }], entityOwners: { Booking: 'bookings' } };

  it('finds the tables SQL names, and which it writes', () => {
    const known = new Set(['slots', 'bookings']);
    expect(tablesIn("SELECT 1 FROM slots s JOIN bookings b ON b.slot_id = s.id", known)).toEqual([
      { table: 'slots', write: false },
      { table: 'bookings', write: false },
    ]);
    expect(tablesIn('UPDATE bookings SET status = $1', known)).toEqual([{ table: 'bookings', write: true }]);
    expect(tablesIn('WITH x AS (DELETE FROM slots RETURNING id) SELECT * FROM x', known)).toEqual([{ table: 'slots', write: true }]);
    expect(tablesIn('Nothing to read from slots here', known)).toEqual([]);
  });

  it('flags a read outside a read model, any write to another module, and another module\'s repository', () => {
    const files = [
      file('src/slots/page.ts', 'const q = `SELECT 1 FROM bookings`;'),
      file('src/slots/other.ts', 'const q = `SELECT 1 FROM bookings`;'),
      file('src/slots/write.ts', "const q = 'DELETE FROM bookings WHERE id = $1';"),
      file('src/slots/own.ts', "const q = 'DELETE FROM slots WHERE id = $1';"),
      file('src/slots/repo.ts', 'this.db.repository(Booking).find();'),
    ];
    expect(tableViolations(files, rules)).toEqual([
      expect.stringMatching(/^src\/slots\/other\.ts reads bookings, which bookings owns/),
      expect.stringMatching(/^src\/slots\/write\.ts writes bookings, which bookings owns/),
    ]);
    expect(repositoryViolations(files, rules)).toEqual([expect.stringMatching(/^src\/slots\/repo\.ts opens a repository of Booking/)]);
  });

  it('finds import cycles between files and between modules, type imports counting for modules only', () => {
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['a'])], ['c', new Set(['a'])]]))).toEqual([['a', 'b']]);
    const files = [
      file('src/events/events.service.ts', "import type { Slot } from '../slots/slot';"),
      file('src/slots/slot.ts', "import { EventsService } from '../events/events.service';"),
    ];
    expect(importCycles(files)).toEqual(['import cycle between modules: events ↔ slots']);
    const runtime = [
      file('src/events/a.ts', "import { b } from './b';"),
      file('src/events/b.ts', "import { a } from './a';"),
    ];
    expect(importCycles(runtime)).toEqual(['import cycle between files: src/events/a.ts → src/events/b.ts']);
  });
});
