#!/usr/bin/env node
// Rewrites deep imports of core (`@hiorder/core/<context>/<file>`) to the context's public entry
// (`@hiorder/core/<context>`) in server/, workers/, bench/, admin-app/ and tablet-app/ — the transports import
// each context's index only (core/package.json "exports", docs/ARCHITECTURE.md "Import rules").
//
//   node scripts/codemods/core-imports.mjs            rewrite, then Prettier over the files it changed
//   node scripts/codemods/core-imports.mjs --check    say what it would change; exit 1 if anything
//
// Idempotent: on code already rewritten it changes nothing. It reads the entries from core/package.json, so a file
// entry (`"./outbox/bullmq": "./src/outbox/bullmq-publisher.ts"`) maps its file's old path to that entry. Imports of
// the same entry that end up side by side in one file are merged into one declaration. A name a file imports that
// the context's index does not export yet is added to that index (`export { name } from './file'`) and reported, so
// your own new core functions keep working after the rewrite; a name the index already exports from another file is
// a clash: reported, nothing written for that file, exit 1.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const CHECK = process.argv.includes('--check');
const ROOTS = ['server', 'workers', 'bench', 'admin-app', 'tablet-app'];
const SKIP = new Set(['node_modules', 'dist', 'dev-dist', 'coverage', 'reports', '.stryker-tmp', 'test-results']);
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const PREFIX = '@hiorder/core/';

// ---- core's entries --------------------------------------------------------------------------------------------
const corePkg = JSON.parse(readFileSync(join(root, 'core/package.json'), 'utf8'));
/** entry subpath (`ordering`, `outbox/bullmq`, `logger`) → its file, relative to core/. */
const entries = new Map(Object.entries(corePkg.exports).map(([key, target]) => [key.replace(/^\.\//, ''), target.replace(/^\.\//, '')]));
/** a file's old subpath (`outbox/bullmq-publisher`) → the entry that is exactly that file. */
const fileEntries = new Map();
for (const [entry, target] of entries) {
  if (!/\/index\.ts$/.test(target)) fileEntries.set(target.replace(/^src\//, '').replace(/\.ts$/, ''), entry);
}

/** The entry a core specifier should be, or null if it has none (reported). */
function entryFor(subpath) {
  if (entries.has(subpath)) return subpath;
  if (fileEntries.has(subpath)) return fileEntries.get(subpath);
  const context = subpath.split('/')[0];
  return entries.has(context) && /\/index\.ts$/.test(entries.get(context)) ? context : null;
}

// ---- the indexes' exports --------------------------------------------------------------------------------------
const indexes = new Map(); // entry → { path, text, names: Map<name, file> }
function indexOf(entry) {
  if (!indexes.has(entry)) {
    const path = join(root, 'core', entries.get(entry));
    const text = readFileSync(path, 'utf8');
    const names = new Map();
    const src = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
    for (const st of src.statements) {
      if (!ts.isExportDeclaration(st) || !st.moduleSpecifier || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
      const file = st.moduleSpecifier.text.replace(/^\.\//, '');
      for (const el of st.exportClause.elements) names.set(el.name.text, file);
    }
    indexes.set(entry, { path, text, names, added: [] });
  }
  return indexes.get(entry);
}

// ---- the files -------------------------------------------------------------------------------------------------
function* walk(dir) {
  let list;
  try {
    list = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of list) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (SOURCE.test(name)) yield path;
  }
}

const problems = [];
const notes = [];
const changed = [];
/** path → its new text, written (formatted) only once every file was read: a failure midway writes nothing. */
const rewritten = new Map();

function scriptKind(path) {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function rewrite(path) {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(PREFIX)) return;
  if (/^(<{7}|>{7}) /m.test(text)) {
    problems.push(`${relative(root, path)}: has merge conflict markers; resolve them, then run this again`);
    return;
  }
  const src = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const edits = []; // { start, end, text }
  const where = (node) => `${relative(root, path)}:${src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1}`;
  const pendingIndexNames = []; // [entry, name, file, typeOnly, node]
  const specifiers = new Set(); // the literals handled as module specifiers

  const retarget = (literal, named) => {
    specifiers.add(literal);
    const subpath = literal.text.slice(PREFIX.length);
    const entry = entryFor(subpath);
    if (entry === null) {
      problems.push(`${where(literal)}: no entry of core for '${literal.text}' (core/package.json "exports")`);
      return;
    }
    if (named && entry !== subpath && !fileEntries.has(subpath)) {
      const file = subpath.slice(entry.length + 1);
      for (const { name, typeOnly } of named) pendingIndexNames.push([entry, name, file, typeOnly, literal]);
    }
    if (entry !== subpath) {
      const quote = text[literal.getStart(src)];
      edits.push({ start: literal.getStart(src), end: literal.getEnd(), text: `${quote}${PREFIX}${entry}${quote}` });
    }
  };

  const visit = (node) => {
    const isDecl = ts.isImportDeclaration(node) || ts.isExportDeclaration(node);
    if (isDecl && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith(PREFIX)) {
      retarget(node.moduleSpecifier, namesOf(node));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg) && arg.text.startsWith(PREFIX)) retarget(arg, null);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      if (node.argument.literal.text.startsWith(PREFIX)) retarget(node.argument.literal, null);
    } else if (
      ts.isStringLiteralLike(node) &&
      !specifiers.has(node) &&
      node.text.startsWith(PREFIX) &&
      !entries.has(node.text.slice(PREFIX.length))
    ) {
      // vi.mock('…'), require.resolve('…'): mocking a context's index is not mocking one file; say so, leave it.
      problems.push(`${where(node)}: '${node.text}' is not an import; change it by hand`);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);

  // Names the index does not export yet (new core functions in someone's branch): add them; refuse clashes.
  const additions = [];
  for (const [entry, name, file, typeOnly, node] of pendingIndexNames) {
    if (name === '*' || name === 'default') {
      notes.push(`${where(node)}: '${name}' import of '${PREFIX}${entry}/${file}' now takes ${entry}'s index: check it by hand`);
      continue;
    }
    const index = indexOf(entry);
    const from = index.names.get(name);
    if (from === undefined) additions.push([index, name, file, typeOnly]);
    else if (from !== file) {
      problems.push(`${where(node)}: '${name}' comes from ${entry}/${file}, but ${entry}'s index exports it from ./${from} (a clash)`);
      return;
    }
  }
  for (const [index, name, file, typeOnly] of additions) {
    if (index.names.has(name)) continue;
    index.names.set(name, file);
    index.added.push(`export ${typeOnly ? 'type ' : ''}{ ${name} } from './${file}';`);
  }

  let out = applyEdits(text, edits);
  out = mergeImports(path, out);
  if (out !== text) rewritten.set(path, out);
}

/** The names an import/export declaration takes, with whether each is type-only; null for side-effect imports. */
function namesOf(node) {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return null;
    const names = [];
    if (clause.name) names.push({ name: 'default', typeOnly: clause.isTypeOnly });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push({ name: '*', typeOnly: clause.isTypeOnly });
    else if (bindings)
      for (const el of bindings.elements)
        names.push({ name: (el.propertyName ?? el.name).text, typeOnly: clause.isTypeOnly || el.isTypeOnly });
    return names;
  }
  if (!node.exportClause || !ts.isNamedExports(node.exportClause)) return [{ name: '*', typeOnly: node.isTypeOnly }];
  return node.exportClause.elements.map((el) => ({ name: (el.propertyName ?? el.name).text, typeOnly: node.isTypeOnly || el.isTypeOnly }));
}

function applyEdits(text, edits) {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Merges `import { … } from '@hiorder/core/x'` declarations of one entry into the first of them. */
function mergeImports(path, text) {
  const src = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const groups = new Map();
  for (const st of src.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith(PREFIX)) continue;
    const clause = st.importClause;
    if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
    const key = st.moduleSpecifier.text;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(st);
  }
  const edits = [];
  for (const [spec, decls] of groups) {
    if (decls.length < 2) continue;
    const specifiers = [];
    const seen = new Set();
    for (const decl of decls) {
      for (const el of decl.importClause.namedBindings.elements) {
        const typeOnly = decl.importClause.isTypeOnly || el.isTypeOnly;
        const imported = el.propertyName ? `${el.propertyName.text} as ${el.name.text}` : el.name.text;
        const key = `${typeOnly}:${imported}`;
        if (!seen.has(key)) (seen.add(key), specifiers.push({ typeOnly, imported }));
      }
    }
    const allTypes = specifiers.every((s) => s.typeOnly);
    const list = specifiers.map((s) => (s.typeOnly && !allTypes ? `type ${s.imported}` : s.imported)).join(', ');
    const [first, ...rest] = decls;
    edits.push({ start: first.getStart(src), end: first.getEnd(), text: `import ${allTypes ? 'type ' : ''}{ ${list} } from '${spec}';` });
    for (const decl of rest) {
      let end = decl.getEnd();
      if (text[end] === '\n') end += 1;
      edits.push({ start: lineStart(text, decl.getStart(src)), end, text: '' });
    }
  }
  return applyEdits(text, edits);
}

function lineStart(text, pos) {
  const at = text.lastIndexOf('\n', pos - 1) + 1;
  return /^\s*$/.test(text.slice(at, pos)) ? at : pos;
}

for (const dir of ROOTS) for (const path of walk(join(root, dir))) rewrite(path);

const indexChanges = [...indexes.values()].filter((index) => index.added.length > 0);
for (const index of indexChanges) rewritten.set(index.path, `${index.text.trimEnd()}\n${index.added.join('\n')}\n`);
changed.push(...rewritten.keys());
if (!CHECK && rewritten.size > 0) {
  const prettier = await import('prettier');
  const formatted = new Map();
  for (const [path, text] of rewritten) {
    const options = (await prettier.resolveConfig(path)) ?? {};
    formatted.set(path, await prettier.format(text, { ...options, filepath: path }));
  }
  for (const [path, text] of formatted) writeFileSync(path, text);
}

for (const path of changed) console.log(`${CHECK ? 'would rewrite' : 'rewrote'} ${relative(root, path)}`);
for (const index of indexChanges)
  for (const line of index.added) console.log(`${CHECK ? 'would add to' : 'added to'} ${relative(root, index.path)}: ${line}`);
for (const note of notes) console.log(`core-imports: ${note}`);
for (const problem of problems) console.error(`core-imports: ${problem}`);
if (changed.length === 0 && problems.length === 0) console.log('core-imports: nothing to rewrite');
process.exitCode = problems.length > 0 || (CHECK && (changed.length > 0 || indexChanges.length > 0)) ? 1 : 0;
