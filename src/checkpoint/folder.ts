// A checkpoint folder on disk. Each save writes a new snapshot folder
// (`snapshot-<label>-<time>`) through a temporary name, every file checksummed
// (xxh64) and flushed, then commits it by renaming `manifest.json` into
// place: the manifest names the snapshot and holds each file's size and
// checksum, and its own. Whatever kills the process, the folder holds the
// last committed snapshot whole; older snapshots are removed after a commit.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import xxhash from 'xxhash-wasm';
import { CheckpointCorrupt, CheckpointError, type SnapshotReader, type SnapshotWriter } from '../hash/snapshot.js';

const MANIFEST = 'manifest.json';
const FORMAT = 'virtcheck-checkpoint';
const FORMAT_VERSION = 1;

interface FileEntry {
  readonly bytes: number;
  readonly xxh64: string;
}

/** What a manifest records besides its files: `T` is the caller's (the run's identity, where it stopped). */
export interface Manifest<T> {
  readonly format: typeof FORMAT;
  readonly formatVersion: number;
  readonly snapshot: string;
  readonly savedAt: string;
  readonly content: T;
  readonly files: Record<string, FileEntry>;
}

type Hasher = Awaited<ReturnType<typeof xxhash>>;
let hasher: Hasher | undefined;

/** Opens (for saving or reading) the checkpoint folder `dir`. */
export async function checkpointFolder(dir: string): Promise<CheckpointFolder> {
  hasher ??= await xxhash();
  return new CheckpointFolder(dir, hasher);
}

export class CheckpointFolder {
  constructor(
    readonly dir: string,
    private readonly hash: Hasher,
  ) {}

  /** Whether a checkpoint was ever committed here. */
  holdsCheckpoint(): boolean {
    return existsSync(join(this.dir, MANIFEST));
  }

  /** Writes a snapshot with `write`, then commits it with a manifest holding `content`. */
  save<T>(label: string, content: T, write: (out: SnapshotWriter) => void): void {
    mkdirSync(this.dir, { recursive: true });
    // A new name each time: the committed snapshot is never written over.
    const snapshot = `snapshot-${label}-${Date.now().toString(36)}${process.pid.toString(36)}`;
    const temporary = join(this.dir, `${snapshot}.tmp`);
    const final = join(this.dir, snapshot);
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary);
    const files: Record<string, FileEntry> = {};
    try {
      write({ write: (name, parts) => (files[checkedName(name)] = this.writeFile(join(temporary, name), parts)) });
      syncFolder(temporary);
      rmSync(final, { recursive: true, force: true });
      renameSync(temporary, final);
    } catch (error) {
      rmSync(temporary, { recursive: true, force: true });
      throw error;
    }
    const manifest: Manifest<T> = { format: FORMAT, formatVersion: FORMAT_VERSION, snapshot, savedAt: new Date().toISOString(), content, files };
    const text = JSON.stringify(manifest);
    const sealed = `${JSON.stringify({ ...manifest, xxh64: this.digest([Buffer.from(text)]) }, null, 1)}\n`;
    const manifestTemporary = join(this.dir, `${MANIFEST}.tmp`);
    this.writeFile(manifestTemporary, [Buffer.from(sealed)]);
    renameSync(manifestTemporary, join(this.dir, MANIFEST));
    syncFolder(this.dir);
    // The commit is done: the snapshots it replaced go.
    for (const entry of readdirSync(this.dir)) {
      if (entry.startsWith('snapshot-') && entry !== snapshot) rmSync(join(this.dir, entry), { recursive: true, force: true });
    }
  }

  /** The committed manifest, its checksum and every file's size verified, and a reader of its files. */
  open<T>(): { manifest: Manifest<T>; reader: SnapshotReader } {
    const path = join(this.dir, MANIFEST);
    if (!existsSync(path)) throw new CheckpointError(`${this.dir} holds no checkpoint (no ${MANIFEST})`);
    const manifest = this.readManifest<T>(path);
    const folder = join(this.dir, manifest.snapshot);
    for (const [name, entry] of Object.entries(manifest.files)) {
      const file = join(folder, checkedName(name));
      if (!existsSync(file)) throw new CheckpointCorrupt(`${manifest.snapshot}/${name} is missing`);
      const size = statSync(file).size;
      if (size !== entry.bytes) throw new CheckpointCorrupt(`${manifest.snapshot}/${name} holds ${size} bytes, the manifest says ${entry.bytes} (truncated?)`);
    }
    const reader: SnapshotReader = {
      read: (name) => {
        const entry = manifest.files[name];
        if (!entry) throw new CheckpointCorrupt(`${name} is not in the manifest`);
        const bytes = readFileSync(join(folder, name));
        if (bytes.length !== entry.bytes) throw new CheckpointCorrupt(`${manifest.snapshot}/${name} holds ${bytes.length} bytes, the manifest says ${entry.bytes}`);
        if (this.digest([bytes]) !== entry.xxh64) throw new CheckpointCorrupt(`${manifest.snapshot}/${name} does not match its checksum`);
        return bytes;
      },
    };
    return { manifest, reader };
  }

  private readManifest<T>(path: string): Manifest<T> {
    let sealed: Manifest<T> & { xxh64?: unknown };
    try {
      sealed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new CheckpointCorrupt(`${MANIFEST} cannot be read: ${(error as Error).message}`);
    }
    if (typeof sealed !== 'object' || sealed === null || sealed.format !== FORMAT) throw new CheckpointCorrupt(`${MANIFEST} is not a virtcheck checkpoint's`);
    if (sealed.formatVersion !== FORMAT_VERSION) throw new CheckpointError(`the checkpoint's format is version ${sealed.formatVersion}; this virtcheck reads version ${FORMAT_VERSION}`);
    const { xxh64, ...manifest } = sealed;
    if (xxh64 !== this.digest([Buffer.from(JSON.stringify(manifest))])) throw new CheckpointCorrupt(`${MANIFEST} does not match its checksum`);
    return manifest;
  }

  /** Writes and flushes a file; returns its size and checksum. */
  private writeFile(path: string, parts: Iterable<Uint8Array>): FileEntry {
    const fd = openSync(path, 'w');
    const digest = this.hash.create64();
    let bytes = 0;
    try {
      for (const part of parts) {
        for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
        digest.update(part);
        bytes += part.length;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { bytes, xxh64: hex(digest.digest()) };
  }

  private digest(parts: Uint8Array[]): string {
    const digest = this.hash.create64();
    for (const part of parts) digest.update(part);
    return hex(digest.digest());
  }
}

function hex(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}

/** File names are the parts' own, never paths. */
function checkedName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new CheckpointCorrupt(`${JSON.stringify(name)} is not a snapshot file name`);
  return name;
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
