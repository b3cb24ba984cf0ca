// Responses and error codes (MODEL.md section 3): the vocabulary both
// specifications share.
import type { Action } from '../state/actions.js';
import type { Context } from '../state/context.js';
import type { State, Value } from '../state/records.js';

export const ERROR_CODES = [
  'InvalidAddress',
  'NotMapped',
  'WrongPageType',
  'TrustedHypercall',
  'HypercallPending',
  'NotPrivileged',
  'AlreadyPinned',
  'OutOfMemory',
  'NotPinned',
  'PageInUse',
  'AlreadyMapped',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Response =
  | { readonly kind: 'ok' }
  | { readonly kind: 'value'; readonly value: Value; readonly hit: boolean }
  | { readonly kind: 'err'; readonly code: ErrorCode };

/** The result of an enabled step; a disabled step has none. */
export interface Outcome {
  readonly state: State;
  readonly response: Response;
}

/** An executable specification: `null` when the action is disabled. */
export type StepFunction = (ctx: Context, s: State, a: Action) => Outcome | null;

export const OK: Response = Object.freeze({ kind: 'ok' });

const errors = new Map<ErrorCode, Response>(ERROR_CODES.map((code) => [code, Object.freeze({ kind: 'err', code })]));
export function err(code: ErrorCode): Response {
  return errors.get(code)!;
}

export function sameResponse(a: Response, b: Response): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'err') return a.code === (b as typeof a).code;
  if (a.kind === 'value') return a.value === (b as typeof a).value && a.hit === (b as typeof a).hit;
  return true;
}

export function formatResponse(r: Response): string {
  switch (r.kind) {
    case 'ok':
      return 'ok';
    case 'value':
      return `ok(${r.value === null ? 'null' : r.value}, ${r.hit ? 'hit' : 'miss'})`;
    case 'err':
      return `err(${r.code})`;
  }
}
