// Exit codes, as TLC's where TLC has one for the same case: users of model
// checkers script against these. docs/checker.md says where they differ.
export const EXIT = {
  /** Every checked property holds. */
  ok: 0,
  /** A safety property (valid, conformance, isolation, transparency) is violated. */
  safetyViolated: 12,
  /** A liveness property (availability) is violated. */
  livenessViolated: 13,
  /** Bad arguments, or a file that cannot be read or parsed. */
  usage: 150,
  /** A configuration that fails validation. */
  badConfig: 151,
  /** A limit (depth, states, time, memory, Ctrl-C or SIGTERM) stopped the run before it was complete. */
  limitReached: 152,
  /** `replay`: the trace does not replay under this configuration. */
  traceMismatch: 153,
  /** The run ended and its summary was printed, but its result files could not be written. */
  writeFailed: 154,
  /** A file the run spilled to its work folder failed its checksum or was cut short: no verdict. */
  workDirCorrupt: 156,
  /** The disk (or the user's quota) filled up under the run's spilled files or checkpoints: no verdict. */
  diskFull: 157,
  /** An internal error (a bug in virtcheck, a worker thread that failed). */
  internal: 255,
} as const;
