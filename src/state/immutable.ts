// The parts of `immutable` the model uses, required rather than imported:
// importing a CommonJS module from an ES module makes Node lex its whole
// source (170 KB) for its export names, once per thread; requiring it does
// not (about 30 ms less to load the model in a quiet process, and no
// optimised compile of the lexer in each worker thread).
import { createRequire } from 'node:module';
import type * as Immutable from 'immutable';

const immutable = createRequire(import.meta.url)('immutable') as typeof Immutable;

export const { List, Map, is, hash } = immutable;
export type List<T> = Immutable.List<T>;
export type Map<K, V> = Immutable.Map<K, V>;
