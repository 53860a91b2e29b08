import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const packages = fileURLToPath(new URL('../..', import.meta.url));

/** Every import specifier in the non-test sources of a package. */
function imports(pkg: string): { file: string; spec: string }[] {
  const dir = join(packages, pkg, 'src');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('test-'),
  );
  return files.flatMap((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)];
    return found.map((m) => ({ file: relative(packages, join(dir, f)), spec: (m[1] ?? m[2]) as string }));
  });
}

function violations(pkg: string, allowed: (spec: string) => boolean) {
  return imports(pkg)
    .filter(({ spec }) => !allowed(spec))
    .map(({ file, spec }) => `${file} imports ${spec}`);
}

const relativeOnly = (spec: string) => spec.startsWith('./') || spec.startsWith('../');

it('[ARCH-1] core imports only the schema library and itself: no Node, no DOM, no other package', () => {
  assert.deepEqual(violations('core', (s) => relativeOnly(s) || s === 'zod'), []);
  const sources = readdirSync(join(packages, 'core', 'src')).filter((f) => f.endsWith('.ts') && !f.includes('test'));
  for (const f of sources) {
    const text = readFileSync(join(packages, 'core', 'src', f), 'utf8');
    assert.doesNotMatch(text, /\b(Date\.now|new Date\(\)|Math\.random|process\.|window\.|document\.)/, `${f} must stay pure`);
  }
});

it('[ARCH-2] adapters import their port and driver, never the server or the web client', () => {
  for (const pkg of ['store', 'bus']) {
    assert.deepEqual(violations(pkg, (s) => !s.startsWith('@goedwerk/')), [], pkg);
  }
});

it('[ARCH-3] the web client never imports the server, the store or Node', () => {
  assert.deepEqual(
    violations('web', (s) => !/^@goedwerk\/(server|store|bus|cli)/.test(s) && !s.startsWith('node:')),
    [],
  );
});

it('[ARCH-5] the report is pure: it imports only the core and the Markdown parser, nothing of Node', () => {
  assert.deepEqual(violations('report', (s) => relativeOnly(s) || s === '@goedwerk/core' || s.startsWith('@goedwerk/core/') || s === 'marked'), []);
});

it('[ARCH-4] the check itself sees imports (it would catch a violation)', () => {
  assert.ok(imports('core').some((i) => i.spec === 'zod'));
  assert.ok(imports('server').some((i) => i.spec === '@goedwerk/core'));
});
