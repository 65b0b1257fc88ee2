// The module boundary as code (docs/architecture.md, docs/adding-a-module.md): reads every source
// file under <root>/src with the TypeScript parser and reports what crosses the boundary. Test files
// (*.test.ts, *.test.tsx) and test-helpers.ts are exempt. The rules:
//   module-imports   a file of src/modules/<m>/ imports only src/platform/**, src/db/client.ts, its
//                    own folder, and the index.ts of the modules its manifest lists in dependsOn;
//   platform-imports-module  src/platform/** and src/db/** never import src/modules/** (types too);
//   module-cycle     no cycle among modules, through dependsOn or actual imports;
//   foreign-table    a module's raw SQL (sql`…`, sql.raw(…)) names no table of another module's
//                    schema.ts (the platform's tables are published to every module);
//   module-listed    every folder under src/modules has an index.ts and src/modules/index.ts puts
//                    its manifest in moduleList.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Rule =
  | 'module-imports'
  | 'platform-imports-module'
  | 'module-cycle'
  | 'foreign-table'
  | 'module-listed';

export interface Violation {
  rule: Rule;
  /** The file (or module folder) at fault, relative to the root, with forward slashes. */
  file: string;
  detail: string;
}

interface SourceFile {
  /** Relative to the root, with forward slashes: src/modules/spaces/index.ts */
  rel: string;
  ast: ts.SourceFile;
}

const exempt = (rel: string) => /\.test\.tsx?$/.test(rel) || path.posix.basename(rel) === 'test-helpers.ts';
const posix = (p: string) => p.split(path.sep).join('/');

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : walk(full);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function parse(root: string, rel: string): ts.SourceFile {
  const text = readFileSync(path.join(root, rel), 'utf8');
  const kind = rel.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, kind);
}

/** Every module specifier a file names: imports (type-only too), re-exports, import(), import types, require(), `declare module`. */
export function specifiersOf(ast: ts.SourceFile): string[] {
  const found: string[] = [];
  const literal = (n: ts.Node | undefined) => {
    if (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))) found.push(n.text);
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) literal(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference))
      literal(n.moduleReference.expression);
    else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (
        callee.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(callee) && callee.text === 'require')
      )
        literal(n.arguments[0]);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) literal(n.argument.literal);
    else if (ts.isModuleDeclaration(n) && ts.isStringLiteral(n.name)) literal(n.name);
    ts.forEachChild(n, visit);
  };
  visit(ast);
  return found;
}

/** The file a relative specifier names, relative to the root (null for packages and node: built-ins). */
function resolve(root: string, fromRel: string, spec: string): string | null {
  if (!spec.startsWith('.') && !spec.startsWith('/')) return null;
  const base = path.resolve(root, path.dirname(fromRel), spec);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.jsx$/, '.tsx'),
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
  ];
  const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
  return posix(path.relative(root, hit));
}

/** `src/modules/<m>/…` → m; anything else → null. */
const moduleOf = (rel: string): string | null => /^src\/modules\/([^/]+)\/./.exec(rel)?.[1] ?? null;

/** The string array given to a property `key` in the file (the manifest's `dependsOn: [...]`). */
function stringArrayProperty(ast: ts.SourceFile, key: string): string[] | null {
  let result: string[] | null = null;
  const visit = (n: ts.Node) => {
    if (result) return;
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === key) {
      let init: ts.Expression = n.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))
        init = init.expression;
      if (ts.isArrayLiteralExpression(init))
        result = init.elements.filter(ts.isStringLiteralLike).map((e) => e.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(ast);
  return result;
}

function stringProperty(ast: ts.SourceFile, key: string): string | null {
  let result: string | null = null;
  const visit = (n: ts.Node) => {
    if (result) return;
    if (
      ts.isPropertyAssignment(n) &&
      ts.isIdentifier(n.name) &&
      n.name.text === key &&
      ts.isStringLiteralLike(n.initializer)
    )
      result = n.initializer.text;
    ts.forEachChild(n, visit);
  };
  visit(ast);
  return result;
}

/** The table names a schema file declares: the first argument of each pgTable(…). */
function tablesOf(ast: ts.SourceFile): string[] {
  const names: string[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'pgTable' &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    )
      names.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(ast);
  return names;
}

/** The literal text of the file's raw SQL: sql`…` templates (without their ${} values) and sql.raw('…'). */
function rawSqlOf(ast: ts.SourceFile): string[] {
  const texts: string[] = [];
  const isSqlTag = (e: ts.Expression) =>
    (ts.isIdentifier(e) && e.text === 'sql') ||
    (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'sql');
  const visit = (n: ts.Node) => {
    if (ts.isTaggedTemplateExpression(n) && isSqlTag(n.tag)) {
      const tpl = n.template;
      texts.push(
        ts.isNoSubstitutionTemplateLiteral(tpl)
          ? tpl.text
          : [tpl.head.text, ...tpl.templateSpans.map((s) => s.literal.text)].join(' '),
      );
    } else if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      ts.isIdentifier(n.expression.expression) &&
      n.expression.expression.text === 'sql' &&
      n.expression.name.text === 'raw' &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    )
      texts.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(ast);
  return texts;
}

/** The manifests src/modules/index.ts puts in moduleList, by the folder they are imported from. */
function listedModules(ast: ts.SourceFile): Set<string> {
  const folderOfBinding = new Map<string, string>();
  for (const st of ast.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const folder = /^\.\/([^/]+)\/index\.tsx?$/.exec(st.moduleSpecifier.text)?.[1];
    const named = st.importClause?.namedBindings;
    if (!folder || !named || !ts.isNamedImports(named)) continue;
    for (const el of named.elements) folderOfBinding.set(el.name.text, folder);
  }
  const listed = new Set<string>();
  const visit = (n: ts.Node) => {
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.name.text === 'moduleList' &&
      n.initializer
    ) {
      const collect = (e: ts.Node) => {
        if (ts.isIdentifier(e) && folderOfBinding.has(e.text)) listed.add(folderOfBinding.get(e.text)!);
        ts.forEachChild(e, collect);
      };
      collect(n.initializer);
    }
    ts.forEachChild(n, visit);
  };
  visit(ast);
  return listed;
}

export function checkArchitecture(root: string): Violation[] {
  const violations: Violation[] = [];
  const src = path.join(root, 'src');
  const files: SourceFile[] = walk(src)
    .map((f) => posix(path.relative(root, f)))
    .filter((rel) => !exempt(rel))
    .sort()
    .map((rel) => ({ rel, ast: parse(root, rel) }));

  // The module folders and their manifests.
  const modulesDir = path.join(src, 'modules');
  const folders = existsSync(modulesDir)
    ? readdirSync(modulesDir)
        .filter((n) => statSync(path.join(modulesDir, n)).isDirectory())
        .sort()
    : [];
  const dependsOn = new Map<string, string[]>();
  const folderOfName = new Map<string, string>();
  for (const m of folders) {
    const index = `src/modules/${m}/index.ts`;
    if (!existsSync(path.join(root, index))) {
      violations.push({
        rule: 'module-listed',
        file: `src/modules/${m}`,
        detail: 'module folder without index.ts',
      });
      dependsOn.set(m, []);
      continue;
    }
    const ast = parse(root, index);
    folderOfName.set(stringProperty(ast, 'name') ?? m, m);
    dependsOn.set(m, stringArrayProperty(ast, 'dependsOn') ?? []);
  }
  const depFolders = (m: string) => (dependsOn.get(m) ?? []).map((d) => folderOfName.get(d) ?? d);

  // e. Every module with an index.ts is in moduleList.
  const listPath = path.join(modulesDir, 'index.ts');
  const listed = existsSync(listPath)
    ? listedModules(parse(root, 'src/modules/index.ts'))
    : new Set<string>();
  for (const m of folders)
    if (existsSync(path.join(modulesDir, m, 'index.ts')) && !listed.has(m))
      violations.push({
        rule: 'module-listed',
        file: `src/modules/${m}`,
        detail: `module "${m}" is not in moduleList of src/modules/index.ts`,
      });

  // a, b: imports; and the module graph for c.
  const edges = new Map<string, Map<string, string>>(); // from → to → file that makes the edge
  const edge = (from: string, to: string, file: string) => {
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, file);
  };
  for (const m of folders) for (const d of depFolders(m)) edge(m, d, `src/modules/${m}/index.ts`);

  for (const f of files) {
    const own = moduleOf(f.rel);
    const platformSide = f.rel.startsWith('src/platform/') || f.rel.startsWith('src/db/');
    for (const spec of specifiersOf(f.ast)) {
      const target = resolve(root, f.rel, spec);
      if (target === null) continue;
      const targetModule = moduleOf(target);
      if (platformSide && target.startsWith('src/modules/'))
        violations.push({
          rule: 'platform-imports-module',
          file: f.rel,
          detail: `imports ${target}: the platform never imports a module`,
        });
      if (!own) continue;
      if (targetModule && targetModule !== own) edge(own, targetModule, f.rel);
      const allowed =
        target.startsWith('src/platform/') ||
        target === 'src/db/client.ts' ||
        targetModule === own ||
        (targetModule !== null &&
          target === `src/modules/${targetModule}/index.ts` &&
          depFolders(own).includes(targetModule));
      if (!allowed)
        violations.push({
          rule: 'module-imports',
          file: f.rel,
          detail:
            targetModule && target === `src/modules/${targetModule}/index.ts`
              ? `imports module "${targetModule}", which is not in the dependsOn of "${own}"`
              : targetModule
                ? `imports ${target}, an internal file of module "${targetModule}" (use its index.ts)`
                : `imports ${target}, outside the platform, src/db/client.ts and the module's own folder`,
        });
    }
  }

  // c. Cycles: for each strongly connected set of modules, one violation, at the first edge of a cycle.
  const sccs = stronglyConnected(folders, (m) => [...(edges.get(m)?.keys() ?? [])]);
  for (const scc of sccs) {
    const start = [...scc].sort()[0]!;
    const selfLoop = edges.get(start)?.has(start);
    if (scc.size < 2 && !selfLoop) continue;
    const cycle = cycleThrough(start, scc, (m) => [...(edges.get(m)?.keys() ?? [])]);
    violations.push({
      rule: 'module-cycle',
      file: edges.get(start)!.get(cycle[1]!)!,
      detail: `modules depend on each other in a cycle: ${cycle.join(' → ')}`,
    });
  }

  // d. Raw SQL naming another module's tables.
  const tables = new Map<string, string[]>();
  for (const m of folders) {
    const schema = `src/modules/${m}/schema.ts`;
    if (existsSync(path.join(root, schema))) tables.set(m, tablesOf(parse(root, schema)));
  }
  for (const f of files) {
    const own = moduleOf(f.rel);
    if (!own) continue;
    const text = rawSqlOf(f.ast).join('\n');
    if (!text) continue;
    for (const [other, names] of tables) {
      if (other === own) continue;
      for (const name of names)
        if (new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(text))
          violations.push({
            rule: 'foreign-table',
            file: f.rel,
            detail: `raw SQL names table "${name}" of module "${other}"`,
          });
    }
  }

  return violations;
}

function stronglyConnected(nodes: string[], next: (n: string) => string[]): Set<string>[] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: Set<string>[] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc = new Set<string>();
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.add(w);
      } while (w !== v);
      out.push(scc);
    }
  };
  for (const n of nodes) if (!index.has(n)) connect(n);
  return out;
}

/** A cycle from start back to start inside its strongly connected set (breadth-first, so the shortest). */
function cycleThrough(start: string, scc: Set<string>, next: (n: string) => string[]): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of next(v).sort()) {
      if (!scc.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = prev.get(u)!) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
