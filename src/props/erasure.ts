// erase_i(s): the state of the platform in which OS i runs alone (MODEL.md
// section 6.3). Only i keeps its OS record and physical map; pages owned by
// other OSes become free; if i is not active, it is made active and waiting,
// in svc mode, with the cache and TLB it would find if switched in now.
import { List, Map as IMap } from '../state/immutable.js';
import type { Context } from '../state/context.js';
import { FREE_PAGE, State, type Page } from '../state/records.js';
import { Memo2 } from './memo.js';

type Space = Pick<State, 'oss' | 'p2m'>;

export class Erasure {
  // Erasing keeps what it does not change, and memoises what it builds: decoded
  // states share their memory and maps (the codec interns them), so each is
  // erased once, and erased states share their parts as the originals do.
  private readonly memories: WeakMap<List<Page>, List<Page>>[];
  private readonly spaces: Memo2<Space>[];

  constructor(private readonly ctx: Context) {
    this.memories = Array.from({ length: ctx.n }, () => new WeakMap());
    this.spaces = Array.from({ length: ctx.n }, () => new Memo2<Space>());
  }

  erase(i: number, s: State): State {
    const { oss, p2m } = this.space(i, s);
    const memory = this.memory(i, s.memory);
    if (s.active === i) return s.with({ oss, p2m, memory });
    const { knobs } = this.ctx;
    return new State({
      active: i,
      activity: 'waiting',
      mode: 'svc',
      oss,
      p2m,
      memory,
      cache: knobs.flushCacheOnSwitch ? List() : s.cache,
      tlb: knobs.flushTlbOnSwitch ? List() : s.tlb,
    });
  }

  private space(i: number, s: State): Space {
    const record = s.oss.get(i)!;
    const map = s.p2m.get(i) ?? IMap<number, number>();
    return this.spaces[i]!.get(record, map, () => ({ oss: IMap([[i, record]]), p2m: IMap([[i, map]]) }));
  }

  private memory(i: number, memory: List<Page>): List<Page> {
    const memo = this.memories[i]!;
    let erased = memo.get(memory);
    if (!erased) {
      erased = memory.map((page) => (page.owner >= 0 && page.owner !== i ? FREE_PAGE : page));
      memo.set(memory, erased);
    }
    return erased;
  }
}
