// A disk that fills up under a run (spilled files, checkpoints) is the
// user's environment, not a bug: it gets its own exit code and one line
// naming the file, not an internal error's stack trace.

const FULL = new Set(['ENOSPC', 'EDQUOT']);

/** The message for an error that says the disk (or the user's quota) is full, or null for any other error. */
export function diskFullMessage(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (code === undefined || !FULL.has(code)) return null;
  const where = path !== undefined ? ` writing ${path}` : syscall !== undefined ? ` (${syscall})` : '';
  return `${code === 'EDQUOT' ? 'the disk quota is exhausted' : 'no space left on the device'}${where}; the run gives no verdict`;
}
