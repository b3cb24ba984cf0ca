// The engine observer that fills a transition graph as batches are expanded.
import type { ObservedBatch, TransitionObserver } from '../props/coordinator.js';
import type { TransitionGraph } from './transition-graph.js';

/**
 * Records every expanded state and its transitions into `graph`, with the
 * facts the local analysis of `property` sent for it (states arrive in id order).
 */
export function graphRecorder(graph: TransitionGraph, property: string): TransitionObserver {
  return {
    onBatch(firstId: number, _depth: number, result: ObservedBatch, targets: Int32Array) {
      if (firstId !== graph.stateCount) throw new Error(`graph: batch at state ${firstId}, expected ${graph.stateCount}`);
      const facts = result.analyses[property];
      // A quotient graph's data: the facts of each state, then the group element of each successor (src/props/quotient-labels.ts).
      const expected = result.count + (graph.labelled ? result.succStart[result.count]! : 0);
      if (!facts || facts.length !== expected) throw new Error(`graph: no facts of ${property} for the batch`);
      const labels = result.count;
      for (let k = 0; k < result.count; k++) {
        graph.addState(facts[k]!);
        for (let j = result.succStart[k]!; j < result.succStart[k + 1]!; j++) {
          // A spilled run resolves its targets only at the end of a level: it cannot record the graph.
          if (targets[j]! < -1) throw new Error('graph: a batch with unresolved targets (a spilled run)');
          graph.addEdge(result.succAction[j]!, targets[j]!, facts[labels + j] ?? 0);
        }
        graph.closeState();
      }
    },
    saveTo: (out, name) => graph.saveTo(out, name),
    loadFrom: (from, name) => graph.loadFrom(from, name),
  };
}
