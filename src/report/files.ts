// Writing result files whole or not at all, and never over another run's:
// each file is written to a temporary name of its own (created exclusively)
// and linked to its final name, which fails when that name exists; on any
// failure nothing is left behind. Temporary files a killed run left are
// removed before writing.
import { constants, copyFileSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

const TEMPORARY = /^\..+\.(\d+)\.tmp$/;

/** Writes every file into `dir` (created if needed); returns their paths. Fails with EEXIST when a name is taken. */
export function writeAll(dir: string, files: readonly OutputFile[]): string[] {
  return write(dir, files, publish);
}

/** As `writeAll`, replacing files of the same names (a benchmark's latest figures). */
export function replaceAll(dir: string, files: readonly OutputFile[]): string[] {
  return write(dir, files, renameSync);
}

function write(dir: string, files: readonly OutputFile[], place: (from: string, to: string) => void): string[] {
  mkdirSync(dir, { recursive: true });
  removeStaleTemporaries(dir);
  const temporary = files.map((f) => join(dir, `.${f.name}.${process.pid}.tmp`));
  const final = files.map((f) => join(dir, f.name));
  const created: string[] = [];
  try {
    files.forEach((f, i) => {
      writeFileSync(temporary[i]!, f.content, { flag: 'wx' });
      created.push(temporary[i]!);
    });
    final.forEach((path, i) => {
      place(temporary[i]!, path);
      created.push(path);
    });
    return final;
  } catch (error) {
    for (const path of created) rmSync(path, { force: true });
    throw error;
  } finally {
    for (const path of temporary) rmSync(path, { force: true });
  }
}

/**
 * Writes the files a run makes under a stem; when a name is taken (another
 * run started in the same millisecond), tries the stem with -2, -3, ...
 * `make` gives the files for a stem (their contents may name each other).
 */
export function writeUnderFreeStem<T extends { files: readonly OutputFile[] }>(
  dir: string,
  stem: string,
  make: (stem: string) => T,
): T {
  for (let attempt = 1; ; attempt++) {
    const made = make(attempt === 1 ? stem : `${stem}-${attempt}`);
    try {
      writeAll(dir, made.files);
      return made;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

/** A hard link fails when the name exists; where links are not supported, an exclusive copy does the same. */
function publish(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  }
}

/** Removes temporary files of runs whose process is gone (a run killed while writing). */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid !== undefined && !isAlive(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A time stamp for file names: 20261126-101530-123. */
export function fileStamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}-${pad(date.getMilliseconds(), 3)}`
  );
}
