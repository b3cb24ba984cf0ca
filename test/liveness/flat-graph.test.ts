// A recorded graph flattened for its analysis (TransitionGraph.flatten) reads
// as the graph it came from, across the columns' chunk boundaries, and leaves
// that graph empty.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkedUint16 } from '../../src/hash/chunked.js';
import { TransitionGraph, type RecordedGraph } from '../../src/liveness/transition-graph.js';

/** Every reading of a graph, in one list. */
function readings(graph: RecordedGraph): number[] {
  const out = [graph.stateCount, graph.edgeCount];
  for (let s = 0; s <= graph.stateCount; s++) out.push(graph.edgeStart(s));
  for (let s = 0; s < graph.stateCount; s++) out.push(graph.facts(s));
  for (let e = 0; e < graph.edgeCount; e++) out.push(graph.target(e), graph.action(e), graph.element(e));
  return out;
}

describe('flattening a recorded graph', () => {
  for (const labelled of [true, false]) {
    it(labelled ? 'a quotient graph, its elements included' : 'a graph without labels', () => {
      // 70,000 states of 2 edges: the edge columns span three chunks, the state columns two. Facts use
      // every bit of their word, actions and group elements every bit of theirs.
      const graph = new TransitionGraph(labelled);
      const states = 70_000;
      for (let s = 0; s < states; s++) {
        graph.addState(Math.imul(s, 0x9e3779b1) >>> 0);
        graph.addEdge((s * 31) & 0xffff, (s * 7) % states, s & 0xff);
        graph.addEdge(12, s % 11 === 0 ? -1 : s, 0);
        graph.closeState();
      }
      const expected = readings(graph);
      const flat = graph.flatten();
      assert.deepEqual(readings(flat), expected);
      assert.equal(graph.stateCount, 0);
      assert.equal(graph.edgeCount, 0);
      assert.equal(graph.bytes, 0);
    });
  }

  for (const length of [1500, 140_000]) {
    it(`a column of ${length} entries drains in order, chunk by chunk, and is left empty`, () => {
      const column = new ChunkedUint16();
      for (let i = 0; i < length; i++) column.push(i & 0xffff);
      const drained: number[] = [];
      column.drain((values, first) => {
        assert.equal(first, drained.length, 'each chunk starts where the last ended');
        drained.push(...values);
      });
      assert.deepEqual(drained, Array.from({ length }, (_, i) => i & 0xffff));
      assert.equal(column.size, 0);
      assert.equal(column.bytes, 0);
    });
  }
});
