// Copies the files `nest build` copies as assets (page CSS and scripts, message catalogues)
// next to a plain `tsc` build of src/ in another folder, as the benchmarks and scripts use.
// Usage: node scripts/copy-web-files.mjs <outDir>   (files land in <outDir>/src/...)
import { cpSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: node scripts/copy-web-files.mjs <outDir>');
for (const dir of ['src/web/assets', 'src/common/i18n/messages']) {
  cpSync(dir, join(outDir, dir), { recursive: true, filter: (source) => !source.endsWith('.ts') });
}
