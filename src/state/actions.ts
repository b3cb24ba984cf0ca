// The actions of MODEL.md section 3, as plain immutable data.
import type { Context } from './context.js';

export type PageKind = 'rw' | 'pt';

/** Privileged operations: performed by a trusted OS itself, or served as a hypercall. */
export type Op =
  | { readonly kind: 'new'; readonly va: number; readonly pa: number }
  | { readonly kind: 'del'; readonly va: number }
  | { readonly kind: 'lswitch'; readonly pa: number }
  | { readonly kind: 'pin'; readonly pa: number; readonly page: PageKind }
  | { readonly kind: 'unpin'; readonly pa: number };

export type GuestAction =
  | { readonly kind: 'read'; readonly va: number }
  | { readonly kind: 'write'; readonly va: number; readonly val: number }
  | { readonly kind: 'hcall'; readonly op: Op }
  | { readonly kind: 'ret_ctrl' }
  | { readonly kind: 'silent' };

export type HypervisorAction = { readonly kind: 'switch'; readonly os: number } | { readonly kind: 'chmod' };

export type Action = GuestAction | Op | HypervisorAction;

export type OpKind = Op['kind'];
export type ActionKind = Action['kind'];

const OP_KINDS: ReadonlySet<string> = new Set<OpKind>(['new', 'del', 'lswitch', 'pin', 'unpin']);

export function isOp(action: Action): action is Op {
  return OP_KINDS.has(action.kind);
}

const opsByContext = new WeakMap<Context, readonly Op[]>();

/**
 * Every privileged operation over the context's finite sets, in a fixed order.
 * The same objects every time, so that a pending hypercall compares by identity.
 */
export function opsOf(ctx: Context): readonly Op[] {
  let ops = opsByContext.get(ctx);
  if (!ops) {
    ops = enumerateOps(ctx);
    opsByContext.set(ctx, ops);
  }
  return ops;
}

function enumerateOps(ctx: Context): Op[] {
  const ops: Op[] = [];
  for (let va = 0; va < ctx.V; va++) for (let pa = 0; pa < ctx.P; pa++) ops.push({ kind: 'new', va, pa });
  for (let va = 0; va < ctx.V; va++) ops.push({ kind: 'del', va });
  for (let pa = 0; pa < ctx.P; pa++) ops.push({ kind: 'lswitch', pa });
  for (let pa = 0; pa < ctx.P; pa++) {
    ops.push({ kind: 'pin', pa, page: 'rw' });
    ops.push({ kind: 'pin', pa, page: 'pt' });
  }
  for (let pa = 0; pa < ctx.P; pa++) ops.push({ kind: 'unpin', pa });
  return ops;
}

/** Position of `op` in `opsOf(ctx)`, computed from its fields. */
export function opIndex(ctx: Context, op: Op): number {
  const { V, P } = ctx;
  switch (op.kind) {
    case 'new':
      return op.va * P + op.pa;
    case 'del':
      return V * P + op.va;
    case 'lswitch':
      return V * P + V + op.pa;
    case 'pin':
      return V * P + V + P + op.pa * 2 + (op.page === 'rw' ? 0 : 1);
    case 'unpin':
      return V * P + V + 3 * P + op.pa;
  }
}

type OpFields = { kind: OpKind; va?: number; pa?: number; page?: PageKind };

/** Structural equality of operations (fields absent from a kind compare as undefined). */
export function sameOp(a: Op, b: Op): boolean {
  const x = a as OpFields;
  const y = b as OpFields;
  return x.kind === y.kind && x.va === y.va && x.pa === y.pa && x.page === y.page;
}

/** The action in the notation of MODEL.md, e.g. `hcall(new(0, 1))`; also its parseable key. */
export function formatAction(action: Action): string {
  switch (action.kind) {
    case 'read':
      return `read(${action.va})`;
    case 'write':
      return `write(${action.va}, ${action.val})`;
    case 'hcall':
      return `hcall(${formatAction(action.op)})`;
    case 'ret_ctrl':
    case 'silent':
    case 'chmod':
      return action.kind;
    case 'new':
      return `new(${action.va}, ${action.pa})`;
    case 'del':
      return `del(${action.va})`;
    case 'lswitch':
      return `lswitch(${action.pa})`;
    case 'pin':
      return `pin(${action.pa}, ${action.page})`;
    case 'unpin':
      return `unpin(${action.pa})`;
    case 'switch':
      return `switch(${action.os})`;
  }
}
