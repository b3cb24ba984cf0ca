// Copies typed arrays back to back into one ArrayBuffer: a batch result is
// then one allocation and one transferred buffer, however many columns it has
// (each transferred buffer costs as much as copying kilobytes).
export type Column = Uint8Array | Uint16Array | Uint32Array;

/** Copies of `columns`, in order, as views of one new buffer. */
export function packed<T extends readonly Column[]>(columns: T): T {
  let size = 0;
  const offsets = columns.map((column) => {
    const at = Math.ceil(size / column.BYTES_PER_ELEMENT) * column.BYTES_PER_ELEMENT;
    size = at + column.byteLength;
    return at;
  });
  const buffer = new ArrayBuffer(size);
  return columns.map((column, i) => {
    const Ctor = column.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => Column;
    const copy = new Ctor(buffer, offsets[i]!, column.length);
    copy.set(column);
    return copy;
  }) as unknown as T;
}
