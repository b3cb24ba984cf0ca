// What a checkpoint is made of, seen from the parts that save themselves into
// one: named files, each written whole and checksummed, and read back only
// once its checksum is verified (src/checkpoint/folder.ts writes and reads
// them). The visited set, the level buffer and the observers implement
// `Checkpointable`, so that another implementation (a disk-backed store)
// saves and restores itself through the same calls.

export interface SnapshotWriter {
  /** Writes file `name` from its parts, in order. */
  write(name: string, parts: Iterable<Uint8Array>): void;
}

export interface SnapshotReader {
  /** The contents of file `name`, its size and checksum verified; a `CheckpointCorrupt` otherwise. */
  read(name: string): Uint8Array;
}

export interface Checkpointable {
  /** Saves the whole state under file names starting with `name`. */
  saveTo(out: SnapshotWriter, name: string): void;
  /** Replaces the whole state with what `saveTo` saved under `name`. */
  loadFrom(from: SnapshotReader, name: string): void;
}

type Column = Uint8Array | Uint16Array | Uint32Array;

/** A typed-array constructor: of a length, or of a view on a buffer. */
export interface ColumnType<T extends Column> {
  new (length: number): T;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** File `name` as a column of `type`'s elements (a copy where the bytes are not aligned). */
export function readColumn<T extends Column>(from: SnapshotReader, name: string, type: ColumnType<T>): T {
  const bytes = from.read(name);
  const size = type.BYTES_PER_ELEMENT;
  if (bytes.byteLength % size !== 0) throw new CheckpointCorrupt(`${name} holds ${bytes.byteLength} bytes, not a whole number of ${size}-byte values`);
  if (bytes.byteOffset % size === 0) return new type(bytes.buffer, bytes.byteOffset, bytes.byteLength / size);
  const copy = new type(bytes.byteLength / size);
  bytesOf(copy).set(bytes);
  return copy;
}

/** The bytes of a typed array (a view, not a copy). */
export function bytesOf(values: Column): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** A checkpoint that cannot be used: none there, damaged, or of another run. It never yields a verdict. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/** A checkpoint that is damaged: missing, truncated or altered files. */
export class CheckpointCorrupt extends CheckpointError {
  override name = 'CheckpointCorrupt';
}

/** A checkpoint saved by a run that differs from this one (configuration, properties, symmetry, limits, version). */
export class CheckpointMismatch extends CheckpointError {
  override name = 'CheckpointMismatch';
}
