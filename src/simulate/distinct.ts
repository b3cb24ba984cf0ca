// Distinct states seen by a simulation, estimated with HyperLogLog over the
// states' 64-bit fingerprints: 2^14 registers (16 KiB), a standard error of
// about 0.8%, in place of a set that would grow with every new state.
const BITS = 14;
const REGISTERS = 1 << BITS;
/** The relative standard error of the estimate: 1.04 / sqrt(registers). */
export const DISTINCT_ERROR = 1.04 / Math.sqrt(REGISTERS);

export class DistinctEstimate {
  private readonly registers = new Uint8Array(REGISTERS);

  /** Adds the fingerprints in `words` (two words, high then low half, per state). */
  addAll(words: Uint32Array): void {
    for (let k = 0; k < words.length; k += 2) {
      const hi = words[k]!;
      const lo = words[k + 1]!;
      const register = hi >>> (32 - BITS);
      // The rank: position of the first 1 bit in the 50 bits the register number leaves.
      const rest = (hi << BITS) >>> BITS;
      const rank = rest !== 0 ? Math.clz32(rest) - BITS + 1 : 32 - BITS + Math.clz32(lo) + 1;
      if (rank > this.registers[register]!) this.registers[register] = rank;
    }
  }

  get value(): number {
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    const raw = (alpha * REGISTERS * REGISTERS) / sum;
    // Few states: linear counting is the better estimate.
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(raw);
  }
}
