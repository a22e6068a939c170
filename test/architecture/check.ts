import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * Checks the module boundaries the code is meant to keep (README, "Inside the code"), from the
 * source alone: which module's SQL names which table, which TypeORM repositories a module
 * opens, and whether imports form a cycle. Pure functions over file contents, so the spec can
 * also prove on small examples that each check fails when it should.
 */

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes: src/bookings/bookings.repository.ts */
  path: string;
  text: string;
}

export interface ReadModel {
  file: string;
  reads: readonly string[];
  why: string;
}

export interface Boundaries {
  /** table → the module that owns it (writes it and may read it anywhere in its own files). */
  owners: Readonly<Record<string, string>>;
  /** Files allowed to read (never write) tables of other modules, each with its reason. */
  readModels: readonly ReadModel[];
  /** entity class name → the module that owns its table, for repository(Entity) calls. */
  entityOwners: Readonly<Record<string, string>>;
}

/** The feature (or foundation) folder a source file belongs to: src/<module>/… */
export function moduleOf(path: string): string | undefined {
  const match = /^src\/([^/]+)\//.exec(path);
  return match?.[1];
}

export interface TableUse {
  table: string;
  write: boolean;
}

/**
 * Every table a piece of SQL names, and whether it writes it. Keywords are matched in upper
 * case (our SQL style), so English prose in messages ("from the slot") is not read as SQL.
 */
export function tablesIn(sql: string, tables: ReadonlySet<string>): TableUse[] {
  const uses: TableUse[] = [];
  const pattern = /\b(INSERT INTO|DELETE FROM|UPDATE|TRUNCATE(?: TABLE)?|FROM|JOIN|ANALYZE|REFERENCES)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)/g;
  for (const match of sql.matchAll(pattern)) {
    const [, keyword, name] = match;
    if (!tables.has(name)) continue;
    const write = keyword === 'INSERT INTO' || keyword === 'DELETE FROM' || keyword === 'UPDATE' || keyword.startsWith('TRUNCATE');
    uses.push({ table: name, write });
  }
  return uses;
}

/** The text of every string and template literal in a file (template parts joined by a space). */
export function literalsIn(file: SourceFile): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) texts.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

/** SQL that names another module's table outside a declared read model, or writes it at all. */
export function tableViolations(files: SourceFile[], boundaries: Boundaries): string[] {
  const tables = new Set(Object.keys(boundaries.owners));
  const problems: string[] = [];
  for (const file of files) {
    const module = moduleOf(file.path);
    if (!module || file.path.includes('/migrations/') || file.path.endsWith('.spec.ts')) continue;
    const allowed = new Set(boundaries.readModels.filter((r) => r.file === file.path).flatMap((r) => r.reads));
    const seen = new Set<string>();
    for (const literal of literalsIn(file)) {
      for (const { table, write } of tablesIn(literal, tables)) {
        const owner = boundaries.owners[table];
        if (owner === module) continue;
        const problem = write
          ? `${file.path} writes ${table}, which ${owner} owns: call ${owner}'s service instead`
          : allowed.has(table)
            ? undefined
            : `${file.path} reads ${table}, which ${owner} owns: call ${owner}'s service, or declare a read model in test/architecture/boundaries.ts`;
        if (problem && !seen.has(problem)) problems.push(problem);
        if (problem) seen.add(problem);
      }
    }
  }
  return problems;
}

/** repository(Entity) / getRepository(Entity) on an entity of another module. */
export function repositoryViolations(files: SourceFile[], boundaries: Boundaries): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const module = moduleOf(file.path);
    if (!module || file.path.endsWith('.spec.ts')) continue;
    for (const match of file.text.matchAll(/\b(?:repository|getRepository)\((\w+)/g)) {
      const owner = boundaries.entityOwners[match[1]];
      if (owner && owner !== module) problems.push(`${file.path} opens a repository of ${match[1]}, which ${owner} owns`);
    }
  }
  return problems;
}

/** Relative imports of a file, resolved to repository paths; `import type` only when asked. */
export function importsOf(file: SourceFile, exists: (path: string) => boolean, withTypeOnly: boolean): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
      typeOnly = Boolean(statement.importClause?.isTypeOnly);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      specifier = statement.moduleSpecifier;
      typeOnly = statement.isTypeOnly;
    }
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    if (typeOnly && !withTypeOnly) continue;
    const base = join(dirname(file.path), specifier.text).replace(/\\/g, '/');
    const target = [`${base}.ts`, `${base}/index.ts`, base].find(exists);
    if (target) out.push(target);
  }
  return out;
}

/** Every cycle (as a path through the graph) among the nodes, one per strongly connected component. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  // Tarjan's algorithm: a component of more than one node, or a node importing itself, is a cycle.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) connect(node);
  return found;
}

/**
 * Files that list every feature to assemble the app (the entity and migration registry), like
 * the files directly under src/: composition roots, not part of a module's dependencies.
 */
export const COMPOSITION_ROOTS = ['src/database/registry.ts'];

/**
 * Import cycles: between files (runtime imports, which Node would load half-initialised), and
 * between modules (any import, types included: dependencies run one way, e.g.
 * events ← slots ← bookings ← invites). Composition roots are not a module.
 */
export function importCycles(files: SourceFile[]): string[] {
  const paths = new Set(files.map((f) => f.path));
  const exists = (p: string) => paths.has(p);
  const fileGraph = new Map<string, Set<string>>();
  const moduleGraph = new Map<string, Set<string>>();
  for (const file of files) {
    fileGraph.set(file.path, new Set(importsOf(file, exists, false)));
    const from = moduleOf(file.path);
    if (!from || COMPOSITION_ROOTS.includes(file.path)) continue;
    const targets = moduleGraph.get(from) ?? new Set<string>();
    for (const target of importsOf(file, exists, true)) {
      const to = COMPOSITION_ROOTS.includes(target) ? undefined : moduleOf(target);
      if (to && to !== from) targets.add(to);
    }
    moduleGraph.set(from, targets);
  }
  return [
    ...cycles(fileGraph).map((c) => `import cycle between files: ${c.join(' → ')}`),
    ...cycles(moduleGraph).map((c) => `import cycle between modules: ${c.join(' ↔ ')}`),
  ];
}

/** The TypeScript files under src/, read from disk, with repository-relative paths. */
export function readSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.push({ path: relative(root, full).replace(/\\/g, '/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(resolve(root, 'src'));
  return out;
}

/** Entity class → owning module, from the files under src/<module>/entities/. */
export function entityOwnersOf(files: SourceFile[]): Record<string, string> {
  const owners: Record<string, string> = {};
  for (const file of files) {
    if (!file.path.includes('/entities/')) continue;
    for (const match of file.text.matchAll(/@Entity\([^)]*\)[\s\S]*?export class (\w+)/g)) owners[match[1]] = moduleOf(file.path)!;
  }
  return owners;
}

export const rootExists = (root: string) => existsSync(resolve(root, 'src'));
