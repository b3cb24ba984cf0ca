// The layout's rule, checked on the sources: imports between rooms (the
// folders of src/) point inwards only, and no module imports itself through
// a circle, type imports included.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../../src');

/** Rooms from the model core outwards: a room may import only rooms of a lower rank. */
const RANK: Readonly<Record<string, number>> = {
  state: 0,
  spec: 1,
  hash: 2,
  props: 3,
  engine: 4,
  liveness: 4,
  trace: 4,
  workers: 5,
  checkpoint: 5,
  check: 6,
  simulate: 6,
  report: 7,
  cli: 8,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative imports of a module (static, dynamic and re-exports), as paths of src/ without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => relative(SRC, normalize(join(dirname(file), spec))).replace(/\.js$/, ''));
}

const roomOf = (module: string) => module.split('/')[0]!;

const graph = new Map(sources(SRC).map((file) => [relative(SRC, file).replace(/\.ts$/, ''), importsOf(file)]));

describe('layout', () => {
  it('knows every room of src/', () => {
    const rooms = new Set([...graph.keys()].map(roomOf));
    assert.deepEqual([...rooms].filter((room) => RANK[room] === undefined), []);
  });

  it('imports only modules that exist', () => {
    const missing = [...graph].flatMap(([m, imports]) => imports.filter((i) => !graph.has(i)).map((i) => `${m} -> ${i}`));
    assert.deepEqual(missing, []);
  });

  it('has no import from a room to a room further out, nor between rooms of one rank', () => {
    const upward = [...graph].flatMap(([m, imports]) =>
      imports.filter((i) => roomOf(i) !== roomOf(m) && RANK[roomOf(i)]! >= RANK[roomOf(m)]!).map((i) => `${m} -> ${i}`),
    );
    assert.deepEqual(upward, []);
  });

  it('has no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (m: string, path: string[]) => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'open') {
        circles.push([...path.slice(path.indexOf(m)), m].join(' -> '));
        return;
      }
      state.set(m, 'open');
      for (const i of graph.get(m) ?? []) visit(i, [...path, m]);
      state.set(m, 'done');
    };
    for (const m of [...graph.keys()].sort()) visit(m, []);
    assert.deepEqual(circles, []);
  });
});
