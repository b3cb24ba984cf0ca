// The one format of every file a spilled run writes: a 16-byte header (magic,
// the file's kind) and blocks, each a payload length, the payload's CRC-32
// and the payload. Records never straddle a block, so a block is read and
// checked whole; a file that fails its checksum, ends inside a block or holds
// fewer records than its writer wrote is reported, never read past.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/** A spilled file that is not what was written: the run cannot go on, and no verdict may come of it. */
export class SpillCorruption extends Error {
  constructor(path: string, problem: string) {
    super(`the work file ${path} is corrupt: ${problem}`);
    this.name = 'SpillCorruption';
  }
}

const MAGIC = 'VCSPILL1';
export const HEADER_BYTES = 16;
export const BLOCK_HEAD_BYTES = 8;
/** Payload bytes of a full block. */
export const BLOCK_BYTES = 1 << 20;

function header(kind: string): Uint8Array {
  if (kind.length !== 4) throw new Error(`a file kind has 4 letters: ${kind}`);
  const bytes = new Uint8Array(HEADER_BYTES);
  bytes.set(Buffer.from(MAGIC + kind, 'latin1'));
  return bytes;
}

/** Appends records to a new file, block by block. */
export class BlockWriter {
  private readonly fd: number;
  private readonly head = new Uint8Array(BLOCK_HEAD_BYTES);
  private readonly headView = new DataView(this.head.buffer);
  /** The block being filled. */
  readonly block: Uint8Array;
  filled = 0;
  blocks = 0;

  constructor(
    readonly path: string,
    kind: string,
    blockBytes = BLOCK_BYTES,
  ) {
    this.fd = openSync(path, 'w');
    this.block = new Uint8Array(blockBytes);
    writeSync(this.fd, header(kind));
  }

  /** Makes room for a record of `length` bytes in the block and returns where it starts (write it into `block`, then add `length` to `filled`). */
  room(length: number): number {
    if (length > this.block.length) throw new Error(`a record of ${length} bytes does not fit in a block`);
    if (this.filled + length > this.block.length) this.flush();
    return this.filled;
  }

  flush(): void {
    if (this.filled === 0) return;
    const payload = this.block.subarray(0, this.filled);
    this.headView.setUint32(0, this.filled, true);
    this.headView.setUint32(4, crc32(payload), true);
    writeSync(this.fd, this.head);
    writeSync(this.fd, payload);
    this.blocks++;
    this.filled = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Reads a file's blocks in order, checking each. */
export class BlockReader {
  private readonly fd: number;
  private position = HEADER_BYTES;
  private readonly head = new Uint8Array(BLOCK_HEAD_BYTES);
  private readonly headView = new DataView(this.head.buffer);
  private readonly size: number;

  constructor(
    readonly path: string,
    private readonly kind: string,
  ) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
    const found = new Uint8Array(HEADER_BYTES);
    if (readSync(this.fd, found, 0, HEADER_BYTES, 0) !== HEADER_BYTES || Buffer.compare(found, header(kind)) !== 0) {
      closeSync(this.fd);
      throw new SpillCorruption(path, `it is not a ${kind} file of this version (bad header)`);
    }
  }

  /** The next block's payload (a new array, 4-byte aligned), or null at the end of the file. */
  next(): Uint8Array | null {
    if (this.position === this.size) return null;
    const payload = this.blockAt(this.position);
    this.position += BLOCK_HEAD_BYTES + payload.length;
    return payload;
  }

  /** The payload of the block at byte offset `at`. */
  blockAt(at: number): Uint8Array {
    if (at + BLOCK_HEAD_BYTES > this.size || readSync(this.fd, this.head, 0, BLOCK_HEAD_BYTES, at) !== BLOCK_HEAD_BYTES) {
      throw new SpillCorruption(this.path, `truncated (a block head at byte ${at} is cut off)`);
    }
    const length = this.headView.getUint32(0, true);
    const payload = new Uint8Array(length);
    if (at + BLOCK_HEAD_BYTES + length > this.size || readSync(this.fd, payload, 0, length, at + BLOCK_HEAD_BYTES) !== length) {
      throw new SpillCorruption(this.path, `truncated (the block at byte ${at} is cut off)`);
    }
    if (crc32(payload) !== this.headView.getUint32(4, true)) throw new SpillCorruption(this.path, `the block at byte ${at} fails its checksum`);
    return payload;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Fails unless exactly `expected` records were read (a file cut at a block boundary reads as shorter). */
  expectCount(read: number, expected: number): void {
    if (read !== expected) throw new SpillCorruption(this.path, `it holds ${read} ${this.kind} records, ${expected} were written`);
  }
}
