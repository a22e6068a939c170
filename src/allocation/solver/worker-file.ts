import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the solver thread's entry is. A build has `solver.worker.js` beside this file. Under
 * ts-jest there are only the .ts sources, and a worker thread cannot load those through Jest's
 * transformer, so the solver's own files (it imports nothing else) are transpiled once into a
 * directory named after their content hash. Tests thereby exercise the same thread, messages
 * and event-loop freedom as production instead of a synchronous stand-in.
 */
export function solverWorkerFile(dir: string = __dirname): string {
  const built = join(dir, 'solver.worker.js');
  if (existsSync(built)) return built;
  return transpileSources(dir);
}

function transpileSources(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts'))
    .sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  const out = join(tmpdir(), `fairgrid-solver-${hash.digest('hex').slice(0, 16)}`);
  const entry = join(out, 'solver.worker.js');
  if (existsSync(entry)) return entry;

  // Only reached without a build, where the dev dependency is installed; loaded lazily so a
  // production install (without dev dependencies) never needs it.
  const ts = require('typescript') as typeof import('typescript');
  mkdirSync(out, { recursive: true });
  // The entry is written last, so its presence means the directory is complete; each file is
  // renamed into place, so parallel test files never read a half-written one.
  for (const f of [...files.filter((f) => f !== 'solver.worker.ts'), 'solver.worker.ts']) {
    const { outputText } = ts.transpileModule(readFileSync(join(dir, f), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: f,
    });
    const target = join(out, f.replace(/\.ts$/, '.js'));
    const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, outputText);
    renameSync(partial, target);
  }
  return entry;
}
