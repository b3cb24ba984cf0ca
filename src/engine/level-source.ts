// Where the engine takes a level's states from, batch by batch in order: a
// level buffer in memory (src/engine/level-buffer.ts) or a level spilled to
// disk (src/engine/disk/level-file.ts).
export interface LevelSource {
  readonly count: number;
  /** Bytes held in memory. */
  readonly bytes: number;
  /** States [from, to) as a self-contained batch; slices are taken in order. */
  slice(from: number, to: number): { bytes: Uint8Array; offsets: Uint32Array };
}
