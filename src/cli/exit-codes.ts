// Exit codes, as TLC's: users of model checkers script against these.
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
  /** A limit (depth, states, time, interruption) stopped the run before the fixpoint. */
  limitReached: 152,
  /** `replay`: the trace does not replay under this configuration. */
  traceMismatch: 153,
  /** An internal error: a bug in virtcheck. */
  internal: 255,
} as const;
