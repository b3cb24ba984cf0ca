// Ctrl-C (SIGINT) and SIGTERM (job schedulers, `timeout`, `kill`) stop a run
// the same way: the run ends at the next point it polls, and its partial
// result is written. The handlers are removed at the first signal, so that a
// second one ends the process at once.

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface StopSignals {
  /** The first signal received, or null. */
  readonly received: () => NodeJS.Signals | null;
  readonly interrupted: () => boolean;
  dispose(): void;
}

/** `onFirst` is told of the first signal. */
export function watchStopSignals(onFirst?: (signal: NodeJS.Signals) => void): StopSignals {
  let received: NodeJS.Signals | null = null;
  const dispose = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals) {
    received ??= signal;
    dispose();
    onFirst?.(signal);
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return { received: () => received, interrupted: () => received !== null, dispose };
}
