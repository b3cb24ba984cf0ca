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
      // 70,000 states of 2 edges: the edge columns span three chunks, the state columns two.
      const graph = new TransitionGraph(labelled);
      const states = 70_000;
      for (let s = 0; s < states; s++) {
        graph.addState(s % 977);
        graph.addEdge(s % 13, (s * 7) % states, s % 5);
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

  it('a column smaller than a chunk', () => {
    const column = new ChunkedUint16();
    for (let i = 0; i < 1500; i++) column.push(i);
    assert.deepEqual([...column.takeAll()], Array.from({ length: 1500 }, (_, i) => i));
    assert.equal(column.size, 0);
  });
});
