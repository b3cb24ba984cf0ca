/**
 * Independent reference implementation of the VirtualCert model of MODEL.md
 * (sections 1, 2, 3, 5, 7, 8); it shares no code with src/. Plain mutable
 * objects and arrays; states are compared through
 * a canonical string key. Used by the tests to cross-check the checker's
 * state and transition counts.
 *
 * Readings chosen where MODEL.md is ambiguous (the most literal one each time):
 *  1. "Reserved va number r" is the r-th reserved address, va = V-R+r; it maps
 *     to hypervisor page M+r. Hypervisor pages have content `Other`.
 *  2. A privileged op is "served" iff activity = waiting (enabledness then
 *     guarantees oss[o].hcall = op). A served op that succeeds sets
 *     hcall := null and nothing else: activity stays waiting, mode svc.
 *     A direct attempt (running) never touches hcall.
 *  3. The NotPrivileged gate applies only to direct attempts (running, usr).
 *  4. hcall(op) accepts any op, even one that will fail when served
 *     (e.g. new on a reserved va); HypercallPending is checked although it is
 *     unreachable (running implies hcall = null).
 *  5. pin(pa, pt) always installs a fresh page table (reserved entries only).
 *     pin(pa, rw) gives RW(null), except that with scrubFreedPages = false a
 *     residual RW(v) is kept; a residual PT or Other still gives RW(null).
 *  6. unpin check 3 looks at every page owned by Os(o) whose content is PT
 *     (current or not), over every va. Invalidation on unpin removes every
 *     cache/TLB entry whose ma is the freed page.
 *  7. lswitch(pa) with pa = currPage still flushes; switch(o) to the active OS
 *     still flushes (each flush under its own knob).
 *  8. With switchWithPendingHypercall = true, switch(j) is enabled whenever
 *     activity = waiting; the pending hcall stays on the OS that made it.
 *  9. A size-0 cache/TLB never hits and a fill is a no-op. A fill only
 *     happens on a miss, so it never duplicates a va. Cache and TLB policies
 *     are configured separately.
 * 10. On a failed read/write, a TLB fill or reordering done by an earlier
 *     check is undone (the error-state rule: state unchanged).
 * 11. write on a cache hit uses the cached ma (no TLB, no page walk), writes
 *     RW(val) there if that page is RW (owner unchanged, even if not the
 *     writer's), and only reorders the cache entry (lru: to the end).
 * 12. Allowed pages for pin: guest pages m < M with owner None, in the OS's
 *     partition (floor(m*n/M) = o) under `partitioned`, any under `shared`.
 * 13. Transitions count every enabled (state, action) pair once, including
 *     errors and self-loops, even when several actions reach the same state.
 * 14. Missing keys inside nested objects (cache, tlb, hypervisor) take their
 *     defaults individually; observe.* does not affect the state space.
 */

export interface ReferenceCounts { distinct: number; transitions: number; depth: number }

type Policy = 'lru' | 'fifo';
interface Ctx {
  n: number; trusted: boolean[]; V: number; R: number; P: number; M: number; K: number;
  cacheSize: number; cachePolicy: Policy; tlbSize: number; tlbPolicy: Policy;
  shared: boolean; flushCacheOnSwitch: boolean; flushTlbOnSwitch: boolean;
  flushOnLswitch: boolean; invalidateOnUnmap: boolean; scrubFreedPages: boolean;
  consumeFailedHypercall: boolean; switchWithPendingHypercall: boolean;
}

type Op =
  | { k: 'new'; va: number; pa: number }
  | { k: 'del'; va: number }
  | { k: 'lswitch'; pa: number }
  | { k: 'pin'; pa: number; kind: 'rw' | 'pt' }
  | { k: 'unpin'; pa: number };
type Action =
  | { k: 'read'; va: number }
  | { k: 'write'; va: number; val: number }
  | { k: 'hcall'; op: Op }
  | { k: 'ret_ctrl' } | { k: 'silent' } | { k: 'chmod' }
  | { k: 'op'; op: Op }
  | { k: 'switch'; j: number };

type Owner = 'hyp' | 'none' | number;                 // number i = Os(i)
type Content =
  | { k: 'rw'; v: number | null }
  | { k: 'pt'; map: (number | null)[] }               // indexed by va; null = unmapped
  | { k: 'other' };
interface Page { owner: Owner; content: Content }
interface Entry { va: number; ma: number }
interface State {
  active: number;
  activity: 'running' | 'waiting';
  mode: 'usr' | 'svc';
  oss: { currPage: number; hcall: Op | null }[];
  p2m: (number | null)[][];                           // p2m[i][pa] = ma or null
  memory: Page[];                                     // indexed by ma, 0..M+R-1
  cache: Entry[];
  tlb: Entry[];
}

type Code = 'InvalidAddress' | 'WrongPageType' | 'NotMapped' | 'TrustedHypercall' | 'HypercallPending'
  | 'NotPrivileged' | 'AlreadyPinned' | 'OutOfMemory' | 'NotPinned' | 'PageInUse' | 'AlreadyMapped';
// Thrown for every failed precondition, so not an Error: no stack trace is taken each time.
class ModelError { constructor(readonly code: Code) {} }
function fail(code: Code): never { throw new ModelError(code); }

// ---------------------------------------------------------------- context

function makeCtx(config: unknown): Ctx {
  const c = config as Record<string, any>;
  const oses = c.oses as { trusted?: boolean }[];
  const cache = c.cache ?? {}, tlb = c.tlb ?? {}, h = c.hypervisor ?? {};
  return {
    n: oses.length, trusted: oses.map((o) => o.trusted === true),
    V: c.virtualAddresses ?? 2, R: c.reservedVirtualAddresses ?? 0,
    P: c.physicalAddresses ?? 2, M: c.machinePages ?? 4, K: c.values ?? 2,
    cacheSize: cache.size ?? 1, cachePolicy: cache.policy ?? 'lru',
    tlbSize: tlb.size ?? 1, tlbPolicy: tlb.policy ?? 'lru',
    shared: (h.allocation ?? 'partitioned') === 'shared',
    flushCacheOnSwitch: h.flushCacheOnSwitch ?? true,
    flushTlbOnSwitch: h.flushTlbOnSwitch ?? true,
    flushOnLswitch: h.flushOnLswitch ?? true,
    invalidateOnUnmap: h.invalidateOnUnmap ?? true,
    scrubFreedPages: h.scrubFreedPages ?? true,
    consumeFailedHypercall: h.consumeFailedHypercall ?? true,
    switchWithPendingHypercall: h.switchWithPendingHypercall ?? false,
  };
}

const accessible = (ctx: Ctx, va: number) => va >= 0 && va < ctx.V - ctx.R;
const allowed = (ctx: Ctx, m: number, o: number) => ctx.shared || Math.floor((m * ctx.n) / ctx.M) === o;

/** A fresh page table: only the reserved entries (va V-R+r -> M+r). */
function freshPt(ctx: Ctx): Content {
  const map: (number | null)[] = [];
  for (let va = 0; va < ctx.V; va++) map.push(accessible(ctx, va) ? null : ctx.M + (va - (ctx.V - ctx.R)));
  return { k: 'pt', map };
}

function lowestFree(ctx: Ctx, s: State, o: number): number | null {
  for (let m = 0; m < ctx.M; m++) if (s.memory[m]!.owner === 'none' && allowed(ctx, m, o)) return m;
  return null;
}

function initialState(ctx: Ctx): State {
  const memory: Page[] = [];
  for (let m = 0; m < ctx.M; m++) memory.push({ owner: 'none', content: { k: 'other' } });
  for (let r = 0; r < ctx.R; r++) memory.push({ owner: 'hyp', content: { k: 'other' } });
  const s: State = {
    active: 0, activity: 'waiting', mode: 'svc', oss: [], p2m: [], memory, cache: [], tlb: [],
  };
  for (let i = 0; i < ctx.n; i++) {
    const ma = lowestFree(ctx, s, i);
    if (ma === null) throw new Error(`no initial page table page for OS ${i}`);
    s.memory[ma] = { owner: i, content: freshPt(ctx) };
    const p2m: (number | null)[] = new Array<number | null>(ctx.P).fill(null);
    p2m[0] = ma;
    s.p2m.push(p2m);
    s.oss.push({ currPage: 0, hcall: null });
  }
  return s;
}

// ---------------------------------------------------------------- actions

function allOps(ctx: Ctx): Op[] {
  const ops: Op[] = [];
  for (let va = 0; va < ctx.V; va++) for (let pa = 0; pa < ctx.P; pa++) ops.push({ k: 'new', va, pa });
  for (let va = 0; va < ctx.V; va++) ops.push({ k: 'del', va });
  for (let pa = 0; pa < ctx.P; pa++) ops.push({ k: 'lswitch', pa });
  for (let pa = 0; pa < ctx.P; pa++) ops.push({ k: 'pin', pa, kind: 'rw' }, { k: 'pin', pa, kind: 'pt' });
  for (let pa = 0; pa < ctx.P; pa++) ops.push({ k: 'unpin', pa });
  return ops;
}

function allActions(ctx: Ctx): Action[] {
  const acts: Action[] = [];
  for (let va = 0; va < ctx.V; va++) acts.push({ k: 'read', va });
  for (let va = 0; va < ctx.V; va++) for (let val = 0; val < ctx.K; val++) acts.push({ k: 'write', va, val });
  const ops = allOps(ctx);
  for (const op of ops) acts.push({ k: 'hcall', op });
  acts.push({ k: 'ret_ctrl' }, { k: 'silent' });
  for (const op of ops) acts.push({ k: 'op', op });
  for (let j = 0; j < ctx.n; j++) acts.push({ k: 'switch', j });
  acts.push({ k: 'chmod' });
  return acts;
}

const opKey = (op: Op | null): string => (op === null ? '-' : JSON.stringify(op));
const sameOp = (a: Op | null, b: Op | null) => opKey(a) === opKey(b);

function enabled(ctx: Ctx, s: State, a: Action): boolean {
  const pending = s.oss[s.active]!.hcall;
  switch (a.k) {
    case 'read': case 'write': case 'hcall': case 'ret_ctrl': return s.activity === 'running';
    case 'op': return s.activity === 'running' || (s.activity === 'waiting' && sameOp(pending, a.op));
    case 'switch': return s.activity === 'waiting' && (pending === null || ctx.switchWithPendingHypercall);
    case 'chmod': return s.activity === 'waiting' && pending === null;
    case 'silent': return true;
  }
}

// ---------------------------------------------------------------- cache / TLB

const lookup = (seq: Entry[], va: number) => seq.findIndex((e) => e.va === va);
function touch(seq: Entry[], idx: number, policy: Policy): void {
  if (policy === 'lru') seq.push(seq.splice(idx, 1)[0]!);
}
function fill(seq: Entry[], size: number, e: Entry): void {
  if (size === 0) return;
  if (seq.length >= size) seq.shift();
  seq.push(e);
}
const removeWhere = (seq: Entry[], p: (e: Entry) => boolean) => {
  for (let i = seq.length - 1; i >= 0; i--) if (p(seq[i]!)) seq.splice(i, 1);
};

/** The current page table of the active OS (mutable). */
function currentPt(s: State): (number | null)[] {
  const o = s.active;
  const ma = s.p2m[o]![s.oss[o]!.currPage];
  const page = ma === null || ma === undefined ? undefined : s.memory[ma];
  if (page === undefined || page.content.k !== 'pt') throw new Error('active OS has no current page table');
  return page.content.map;
}

/** Shared part of read and write: checks 1-4; returns the ma, and fills/reorders caches. */
function access(ctx: Ctx, s: State, va: number): { ma: number; value: number | null } {
  if (!accessible(ctx, va)) fail('InvalidAddress');
  const ci = ctx.cacheSize === 0 ? -1 : lookup(s.cache, va);
  if (ci >= 0) {
    const ma = s.cache[ci]!.ma;
    const c = s.memory[ma]!.content;
    if (c.k !== 'rw') return fail('WrongPageType');
    touch(s.cache, ci, ctx.cachePolicy);
    return { ma, value: c.v };
  }
  let ma: number;
  const ti = ctx.tlbSize === 0 ? -1 : lookup(s.tlb, va);
  if (ti >= 0) {
    ma = s.tlb[ti]!.ma;
    touch(s.tlb, ti, ctx.tlbPolicy);
  } else {
    const m = currentPt(s)[va];
    if (m === null || m === undefined) return fail('NotMapped');
    ma = m;
    fill(s.tlb, ctx.tlbSize, { va, ma });
  }
  const c = s.memory[ma]!.content;
  if (c.k !== 'rw') return fail('WrongPageType');
  fill(s.cache, ctx.cacheSize, { va, ma });
  return { ma, value: c.v };
}

function doOp(ctx: Ctx, s: State, op: Op): void {
  const o = s.active;
  if (s.activity === 'running' && s.mode === 'usr') fail('NotPrivileged');
  const p2m = s.p2m[o]!;
  switch (op.k) {
    case 'pin': {
      if (p2m[op.pa] !== null) fail('AlreadyPinned');
      const ma = lowestFree(ctx, s, o);
      if (ma === null) return fail('OutOfMemory');
      const old = s.memory[ma]!.content;
      const content: Content = op.kind === 'pt' ? freshPt(ctx)
        : !ctx.scrubFreedPages && old.k === 'rw' ? { k: 'rw', v: old.v } : { k: 'rw', v: null };
      p2m[op.pa] = ma;
      s.memory[ma] = { owner: o, content };
      return;
    }
    case 'unpin': {
      const ma = p2m[op.pa];
      if (ma === null || ma === undefined) return fail('NotPinned');
      if (op.pa === s.oss[o]!.currPage) fail('PageInUse');
      for (const page of s.memory) {
        if (page.owner === o && page.content.k === 'pt' && page.content.map.includes(ma)) fail('PageInUse');
      }
      p2m[op.pa] = null;
      const old = s.memory[ma]!.content;
      s.memory[ma] = { owner: 'none', content: ctx.scrubFreedPages ? { k: 'other' } : old };
      if (ctx.invalidateOnUnmap) {
        removeWhere(s.cache, (e) => e.ma === ma);
        removeWhere(s.tlb, (e) => e.ma === ma);
      }
      return;
    }
    case 'new': {
      if (!accessible(ctx, op.va)) fail('InvalidAddress');
      const ma = p2m[op.pa];
      if (ma === null || ma === undefined) return fail('NotPinned');
      if (s.memory[ma]!.content.k !== 'rw') fail('WrongPageType');
      const pt = currentPt(s);
      if (pt[op.va] !== null) fail('AlreadyMapped');
      pt[op.va] = ma;
      return;
    }
    case 'del': {
      if (!accessible(ctx, op.va)) fail('InvalidAddress');
      const pt = currentPt(s);
      if (pt[op.va] === null) fail('NotMapped');
      pt[op.va] = null;
      if (ctx.invalidateOnUnmap) {
        removeWhere(s.cache, (e) => e.va === op.va);
        removeWhere(s.tlb, (e) => e.va === op.va);
      }
      return;
    }
    case 'lswitch': {
      const ma = p2m[op.pa];
      if (ma === null || ma === undefined) return fail('NotPinned');
      if (s.memory[ma]!.content.k !== 'pt') fail('WrongPageType');
      s.oss[o]!.currPage = op.pa;
      if (ctx.flushOnLswitch) { s.cache = []; s.tlb = []; }
      return;
    }
  }
}

function clone(s: State): State {
  const content = (c: Content): Content => (c.k === 'pt' ? { k: 'pt', map: [...c.map] } : { ...c });
  return {
    active: s.active, activity: s.activity, mode: s.mode,
    oss: s.oss.map((x) => ({ ...x })),
    p2m: s.p2m.map((m) => [...m]),
    memory: s.memory.map((p) => ({ owner: p.owner, content: content(p.content) })),
    cache: s.cache.map((e) => ({ ...e })),
    tlb: s.tlb.map((e) => ({ ...e })),
  };
}

type Response = { k: 'ok' } | { k: 'okRead'; value: number | null; hit: boolean } | { k: 'err'; code: Code };

/** The executable step: null when disabled, else the successor and the response. */
function step(ctx: Ctx, s: State, a: Action): { next: State; resp: Response } | null {
  if (!enabled(ctx, s, a)) return null;
  const t = clone(s);
  const o = t.active;
  const served = a.k === 'op' && s.activity === 'waiting';
  try {
    let resp: Response = { k: 'ok' };
    switch (a.k) {
      case 'read': {
        const hit = ctx.cacheSize > 0 && lookup(t.cache, a.va) >= 0;
        resp = { k: 'okRead', value: access(ctx, t, a.va).value, hit };
        break;
      }
      case 'write': {
        const { ma } = access(ctx, t, a.va);
        t.memory[ma]!.content = { k: 'rw', v: a.val };
        break;
      }
      case 'hcall':
        if (ctx.trusted[o]) fail('TrustedHypercall');
        if (t.oss[o]!.hcall !== null) fail('HypercallPending');
        t.oss[o]!.hcall = a.op; t.activity = 'waiting'; t.mode = 'svc';
        break;
      case 'ret_ctrl': t.activity = 'waiting'; t.mode = 'svc'; break;
      case 'silent': break;
      case 'op':
        doOp(ctx, t, a.op);
        if (served) t.oss[o]!.hcall = null;
        break;
      case 'switch':
        t.active = a.j; t.activity = 'waiting'; t.mode = 'svc';
        if (ctx.flushCacheOnSwitch) t.cache = [];
        if (ctx.flushTlbOnSwitch) t.tlb = [];
        break;
      case 'chmod': t.activity = 'running'; t.mode = ctx.trusted[o] ? 'svc' : 'usr'; break;
    }
    return { next: t, resp };
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    const u = clone(s);
    if (served && ctx.consumeFailedHypercall) u.oss[o]!.hcall = null;
    return { next: u, resp: { k: 'err', code: e.code } };
  }
}

// ---------------------------------------------------------------- exploration

function stateKey(s: State): string {
  const ent = (q: Entry[]) => q.map((e) => `${e.va}>${e.ma}`).join(',');
  const mem = s.memory.map((p) => {
    const c = p.content;
    const cs = c.k === 'rw' ? `rw${c.v ?? '_'}` : c.k === 'pt' ? `pt[${c.map.map((m) => m ?? '_').join(',')}]` : 'o';
    return `${p.owner}:${cs}`;
  }).join(';');
  return [
    s.active, s.activity, s.mode,
    s.oss.map((x) => `${x.currPage}/${opKey(x.hcall)}`).join(';'),
    s.p2m.map((m) => m.map((ma) => ma ?? '_').join(',')).join(';'),
    mem, ent(s.cache), ent(s.tlb),
  ].join('|');
}

/** Breadth-first enumeration of every reachable state from the initial state. */
export function exploreReference(config: unknown): ReferenceCounts {
  const ctx = makeCtx(config);
  const actions = allActions(ctx);
  const init = initialState(ctx);
  const seen = new Set<string>([stateKey(init)]);
  let level: State[] = [init];
  let depth = 0, transitions = 0;
  for (;;) {
    const nextLevel: State[] = [];
    for (const s of level) {
      for (const a of actions) {
        const r = step(ctx, s, a);
        if (r === null) continue;
        transitions++;
        const k = stateKey(r.next);
        if (!seen.has(k)) { seen.add(k); nextLevel.push(r.next); }
      }
    }
    if (nextLevel.length === 0) break;
    level = nextLevel;
    depth++;
  }
  return { distinct: seen.size, transitions, depth };
}

// ---------------------------------------------------------------- explicit graph (for liveness)

/** What availability (MODEL.md 6.4) looks at in a state. */
export interface ReferenceFacts { active: number; running: boolean; pending: boolean[] }

/** A reachable state: its breadth-first depth, facts, and every enabled transition with its fairness class. */
export interface ReferenceNode {
  depth: number;
  facts: ReferenceFacts;
  /** `cls`: the action with the active OS (`chmod@1`), or `switch(j)` alone. */
  edges: { cls: string; target: number }[];
}

/** Every reachable state in breadth-first order (index 0 is the initial state), with its transitions. */
export function referenceGraph(config: unknown): ReferenceNode[] {
  const ctx = makeCtx(config);
  const actions = allActions(ctx);
  const init = initialState(ctx);
  const index = new Map<string, number>([[stateKey(init), 0]]);
  const states: State[] = [init];
  const depths = [0];
  const nodes: ReferenceNode[] = [];
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    const node: ReferenceNode = {
      depth: depths[i]!,
      facts: { active: s.active, running: s.activity === 'running', pending: s.oss.map((x) => x.hcall !== null) },
      edges: [],
    };
    for (const a of actions) {
      const r = step(ctx, s, a);
      if (r === null) continue;
      const k = stateKey(r.next);
      let target = index.get(k);
      if (target === undefined) {
        target = states.length;
        index.set(k, target);
        states.push(r.next);
        depths.push(depths[i]! + 1);
      }
      node.edges.push({ cls: a.k === 'switch' ? `switch(${a.j})` : `${JSON.stringify(a)}@${s.active}`, target });
    }
    nodes.push(node);
  }
  return nodes;
}
