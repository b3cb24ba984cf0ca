// Writing result files whole or not at all: each goes to a temporary name
// first and is renamed when everything is written; on any failure nothing is
// left behind.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

/** Writes every file into `dir` (created if needed); returns their paths. */
export function writeAll(dir: string, files: readonly OutputFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  const temporary = files.map((f) => join(dir, `.${f.name}.${process.pid}.tmp`));
  const final = files.map((f) => join(dir, f.name));
  const renamed: string[] = [];
  try {
    files.forEach((f, i) => writeFileSync(temporary[i]!, f.content));
    final.forEach((path, i) => {
      renameSync(temporary[i]!, path);
      renamed.push(path);
    });
    return final;
  } catch (error) {
    for (const path of [...temporary, ...renamed]) rmSync(path, { force: true });
    throw error;
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
