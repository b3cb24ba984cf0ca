// `virtcheck describe`: the context and alphabet a configuration gives.
import { formatAction } from '../state/actions.js';
import { makeContext } from '../state/context.js';
import { maxEncodedSize } from '../state/encoding.js';
import { alphabetOf } from '../spec/alphabet.js';
import { groupOrder, interchangeableClasses } from '../hash/symmetry-group.js';
import { printable } from '../state/quote.js';
import { loadConfig } from './load.js';

/** The group --symmetry reduces by: its order, and which OSes are interchangeable. */
function symmetryLine(ctx: ReturnType<typeof makeContext>): string {
  const { osPermutations, valuePermutations } = groupOrder(ctx);
  const classes = interchangeableClasses(ctx).filter((members) => members.length > 1);
  const oses = classes.length === 0 ? 'no interchangeable OSes' : `interchangeable OSes ${classes.map((c) => `{${c.join(', ')}}`).join(', ')}`;
  return `${osPermutations} OS permutations x ${valuePermutations} value permutations (${oses})`;
}

export function describeConfig(path: string, listActions: boolean): string {
  const config = loadConfig(path);
  const ctx = makeContext(config);
  const alphabet = alphabetOf(ctx);
  const knobs = Object.entries(config.hypervisor).map(([k, v]) => `${k}=${v}`);
  const lines = [
    `configuration ${config.name}${config.description ? `: ${printable(config.description, 1000)}` : ''}`,
    `  OSes            ${ctx.n} (${ctx.trusted.map((t, i) => `${i}:${t ? 'trusted' : 'untrusted'}`).join(', ')})`,
    `  addresses       V=${ctx.V} (reserved ${ctx.R}), P=${ctx.P}, M=${ctx.M} (+${ctx.R} hypervisor pages), values K=${ctx.K}`,
    `  cache / TLB     ${ctx.cache.size} ${ctx.cache.policy} / ${ctx.tlb.size} ${ctx.tlb.policy}`,
    `  hypervisor      ${knobs.join(', ')}`,
    `  observe         machineAddresses=${ctx.observeMachineAddresses}`,
    `  alphabet        ${alphabet.actions.length} actions (${alphabet.ops.length} privileged operations)`,
    `  state encoding  at most ${maxEncodedSize(ctx)} bytes`,
    `  symmetry        ${symmetryLine(ctx)}`,
  ];
  if (listActions) lines.push(...alphabet.actions.map((a, i) => `  ${String(i).padStart(4)}  ${formatAction(a)}`));
  return lines.join('\n');
}
