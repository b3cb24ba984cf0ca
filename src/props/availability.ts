// Availability (MODEL.md section 6.4), declared: the facts each state
// contributes (its active OS, whether it runs, which OSes have a pending
// hypercall), the action classes fairness speaks of, and the four
// sub-properties as conditions over the explored graph.
import { range, type Context } from '../state/context.js';
import type { State } from '../state/records.js';
import { alphabetOf } from '../spec/alphabet.js';
import type { ActionClasses, Fairness, LivenessPart, LivenessProperty, StatePredicate } from './liveness.js';
import type { LocalAnalysis } from './property.js';

// The facts word: bits 0-2 the active OS (at most 8 OSes), bit 3 running,
// bits 8-15 the OSes with a pending hypercall.
const ACTIVE_MASK = 0b111;
const RUNNING = 1 << 3;
const PENDING_SHIFT = 8;

function availabilityFacts(s: State): number {
  let facts = s.active | (s.activity === 'running' ? RUNNING : 0);
  for (const [os, record] of s.oss) if (record.hcall !== null) facts |= 1 << (PENDING_SHIFT + os);
  return facts;
}

const activeOf = (facts: number) => facts & ACTIVE_MASK;
const isRunning = (facts: number) => (facts & RUNNING) !== 0;
const pendingMask = (facts: number) => facts >>> PENDING_SHIFT;
const activeAndRunning = (os: number): StatePredicate => (facts) => isRunning(facts) && activeOf(facts) === os;

/** The facts of the state renamed by a symmetry sending OS i to os[i]. */
function permuteFacts(facts: number, os: readonly number[]): number {
  let image = os[activeOf(facts)]! | (facts & RUNNING);
  const pending = pendingMask(facts);
  for (let i = 0; i < os.length; i++) if (pending & (1 << i)) image |= 1 << (PENDING_SHIFT + os[i]!);
  return image;
}

/** The facts of every expanded state, for the coordinator's graph. */
export function availabilityAnalysis(): LocalAnalysis {
  let facts: number[] = [];
  return {
    property: 'availability',
    state(s) {
      facts.push(availabilityFacts(s));
    },
    take() {
      const taken = Uint32Array.from(facts);
      facts = [];
      return taken;
    },
  };
}

/**
 * An action together with the OS active when it is taken (`chmod@1`), except
 * `switch(j)`, one class whoever is active. Class `a * n + o` is action `a`
 * taken while OS `o` is active; a switch uses `a * n`.
 */
function actionClassesOf(ctx: Context): ActionClasses {
  const actions = alphabetOf(ctx).actions;
  const isSwitch = Uint8Array.from(actions, (a) => (a.kind === 'switch' ? 1 : 0));
  const n = ctx.n;
  return {
    count: actions.length * n,
    classOf: (action, facts) => action * n + (isSwitch[action] ? 0 : activeOf(facts)),
    image(cls, os, actions) {
      const image = actions[Math.floor(cls / n)]!;
      return image * n + (isSwitch[image] ? 0 : os[cls % n]!);
    },
  };
}

/** Weak fairness of every class or of none, and strong fairness of the classes of the actions `strong` picks. */
function fairness(ctx: Context, weak: boolean, strong: (action: number) => boolean): Fairness {
  const count = alphabetOf(ctx).actions.length * ctx.n;
  return {
    weak: new Uint8Array(count).fill(weak ? 1 : 0),
    strong: Uint8Array.from({ length: count }, (_, cls) => (strong(Math.floor(cls / ctx.n)) ? 1 : 0)),
  };
}

export function availabilityOf(ctx: Context): LivenessProperty {
  const actions = alphabetOf(ctx).actions;
  const oses = range(ctx.n);
  const weakOnly = fairness(ctx, true, () => false);
  const schedulerFair = fairness(ctx, true, (a) => actions[a]!.kind === 'chmod' || actions[a]!.kind === 'switch');
  const parts: LivenessPart[] = [
    {
      name: 'no-lock-out',
      title: 'no lock-out',
      perOs: true,
      conditions: oses.map((os) => ({
        kind: 'always-reachable',
        target: activeAndRunning(os),
        violation: `OS ${os} can never be active and running again`,
      })),
    },
    {
      name: 'hypercalls-answered',
      title: 'hypercalls are answered',
      perOs: true,
      conditions: oses.map((os) => ({
        kind: 'no-fair-cycle',
        within: (facts) => (pendingMask(facts) & (1 << os)) !== 0,
        fairness: weakOnly,
        violation: `the pending hypercall of OS ${os} is never answered, on a path fair under weak fairness of every class`,
      })),
    },
    {
      name: 'every-os-runs',
      title: 'every OS runs',
      perOs: true,
      conditions: oses.map((os) => {
        const runs = activeAndRunning(os);
        return {
          kind: 'no-fair-cycle',
          within: (facts) => !runs(facts),
          fairness: schedulerFair,
          violation:
            `OS ${os} is never again active and running, on a path fair under weak fairness of every class ` +
            'and strong fairness of chmod@j and switch(j)',
        };
      }),
    },
    {
      name: 'papers-form',
      title: "the papers' form",
      perOs: false,
      conditions: [
        {
          kind: 'no-fair-cycle',
          within: (facts) => pendingMask(facts) !== 0,
          visiting: isRunning,
          fairness: fairness(ctx, false, () => false),
          violation: 'guests run infinitely often while, from some point on, some OS always has a pending hypercall',
        },
      ],
    },
  ];
  return { classes: actionClassesOf(ctx), parts, permuteFacts };
}
