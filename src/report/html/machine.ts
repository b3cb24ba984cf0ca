// A state drawn as a picture of the machine: the processor (active OS,
// activity, mode), each OS with its record and physical map, the memory pages
// with owner and content (page tables as their entries), and the cache and TLB
// as rows in replacement order. Every cell that differs from the previous
// state is marked, and what disappeared is shown struck out, so that a step
// reads as what it changed.
import type { List, Map as IMap } from 'immutable';
import { formatAction } from '../../state/actions.js';
import type { Context } from '../../state/context.js';
import { formatContent, HYP, NONE, type Entry, type Page, type State } from '../../state/records.js';
import { html, join, type Html, type Part } from './markup.js';

export function ownerText(owner: number): string {
  if (owner === NONE) return 'free';
  if (owner === HYP) return 'hypervisor';
  return `OS ${owner}`;
}

function ownerClass(owner: number): string {
  if (owner === NONE) return 'own-free';
  if (owner === HYP) return 'own-hyp';
  return `own-os own-${owner % 4}`;
}

/** A table cell, marked when it changed (visibly, and in words for screen readers). */
function cell(content: Part, changed: boolean, attrs: Html = html``): Html {
  return changed ? html`<td class="chg"${attrs}>${content}<span class="vh"> (changed)</span></td>` : html`<td${attrs}>${content}</td>`;
}

function removedRow(columns: readonly Part[]): Html {
  return html`<tr class="gone">${columns.map((c) => html`<td><del>${c}</del></td>`)}<td class="vh">removed</td></tr>`;
}

/** Rows of a map from number to number, keyed; entries gone since `before` are struck out. */
function mapRows(after: IMap<number, number>, before: IMap<number, number> | undefined, key: (k: number) => string, value: (v: number) => string): Html {
  const keys = [...new Set([...after.keys(), ...(before?.keys() ?? [])])].sort((a, b) => a - b);
  return join(
    keys.map((k) => {
      const v = after.get(k);
      if (v === undefined) return removedRow([key(k), value(before!.get(k)!)]);
      const changed = before !== undefined && before.get(k) !== v;
      return html`<tr>${cell(key(k), changed && !before.has(k))}${cell(value(v), changed)}</tr>`;
    }),
  );
}

function cpu(s: State, before: State | undefined): Html {
  const item = (label: string, value: string, changed: boolean) =>
    html`<div class="${changed ? 'chg' : ''}"><dt>${label}</dt><dd>${value}${changed ? html`<span class="vh"> (changed)</span>` : ''}</dd></div>`;
  return html`<dl class="cpu">${item('Active', `OS ${s.active}`, before !== undefined && before.active !== s.active)}${item(
    'Activity',
    s.activity,
    before !== undefined && before.activity !== s.activity,
  )}${item('Mode', s.mode, before !== undefined && before.mode !== s.mode)}</dl>`;
}

function osCard(ctx: Context, s: State, before: State | undefined, os: number): Html {
  const record = s.oss.get(os);
  const prior = before?.oss.get(os);
  const map = s.p2m.get(os);
  const hcall = (r: typeof record) => (r?.hcall ? formatAction(r.hcall) : 'none');
  const role = ctx.trusted[os] ? 'trusted' : 'untrusted';
  const active = s.active === os;
  return html`<section class="os ${ownerClass(os)}${active ? ' active' : ''}" aria-label="OS ${os}">
<h5><span class="swatch" aria-hidden="true"></span>OS ${os} <small>${role}${active ? ', active' : ''}</small></h5>
<table class="kv"><tbody>
<tr><th scope="row">page table at</th>${cell(record ? `pa ${record.currPage}` : 'absent', before !== undefined && prior?.currPage !== record?.currPage)}</tr>
<tr><th scope="row">pending hypercall</th>${cell(hcall(record), before !== undefined && hcall(prior) !== hcall(record))}</tr>
</tbody></table>
<table class="grid"><caption>Physical map</caption><thead><tr><th scope="col">pa</th><th scope="col">ma</th></tr></thead><tbody>
${map ? mapRows(map, before?.p2m.get(os), String, String) : html`<tr><td colspan="2">absent</td></tr>`}
</tbody></table>
</section>`;
}

function content(page: Page, before: Page | undefined): Html {
  const c = page.content;
  if (c.kind !== 'pt') return html`${formatContent(c)}`;
  const prior = before?.content.kind === 'pt' ? before.content.mappings : undefined;
  const rows = mapRows(c.mappings, before === undefined ? undefined : (prior ?? c.mappings.clear()), (va) => `va ${va}`, (ma) => `ma ${ma}`);
  return html`Page table<table class="grid pt"><thead><tr><th scope="col">va</th><th scope="col">ma</th></tr></thead><tbody>${
    c.mappings.size === 0 && !prior?.size ? html`<tr><td colspan="2">no entries</td></tr>` : rows
  }</tbody></table>`;
}

function memory(s: State, before: State | undefined): Html {
  const rows = s.memory.map((page, ma) => {
    const prior = before?.memory.get(ma);
    const ownerChanged = before !== undefined && prior?.owner !== page.owner;
    const contentChanged = before !== undefined && !(prior && prior.content.equals(page.content));
    return html`<tr class="${ownerClass(page.owner)}"><th scope="row">${ma}</th>${cell(ownerText(page.owner), ownerChanged, html` class="owner"`)}${cell(
      content(page, prior),
      contentChanged,
    )}</tr>`;
  });
  return html`<table class="grid memory"><caption>Memory pages</caption><thead><tr><th scope="col">ma</th><th scope="col">owner</th><th scope="col">content</th></tr></thead><tbody>${rows.toArray()}</tbody></table>`;
}

function buffer(name: string, shape: Context['cache'], entries: List<Entry>, before: List<Entry> | undefined, memory: List<Page>): Html {
  // The page's owner beside its address: a line of another OS's page is what a leak looks like.
  const target = (ma: number) => html`ma ${ma} <small class="${ownerClass(memory.get(ma)?.owner ?? NONE)} tag">${ownerText(memory.get(ma)?.owner ?? NONE)}</small>`;
  const rows: Html[] = entries.toArray().map((e, k) => {
    const prior = before?.get(k);
    const changed = before !== undefined && !(prior && prior.va === e.va && prior.ma === e.ma);
    return html`<tr><th scope="row">${k === 0 ? '1 (next victim)' : k + 1}</th>${cell(`va ${e.va}`, changed)}${cell(target(e.ma), changed)}</tr>`;
  });
  for (let k = entries.size; k < (before?.size ?? 0); k++) {
    const e = before!.get(k)!;
    rows.push(html`<tr class="gone"><th scope="row">${k + 1}</th><td><del>va ${e.va}</del></td><td><del>ma ${e.ma}</del><span class="vh"> removed</span></td></tr>`);
  }
  if (rows.length === 0) rows.push(html`<tr><td colspan="3">empty</td></tr>`);
  const plural = shape.size === 1 ? 'entry' : 'entries';
  return html`<table class="grid buffer"><caption>${name} <small>(${shape.policy.toUpperCase()}, ${shape.size} ${plural}; replacement order)</small></caption><thead><tr><th scope="col">#</th><th scope="col">va</th><th scope="col">ma</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The state `s` as a picture; cells that differ from `before` are marked. */
export function machine(ctx: Context, s: State, before?: State): Html {
  const oses = [...s.oss.keys()].sort((a, b) => a - b);
  return html`<div class="machine">
${cpu(s, before)}
<div class="oses">${oses.map((os) => osCard(ctx, s, before, os))}</div>
<div class="store">${memory(s, before)}<div class="buffers">${buffer('Cache', ctx.cache, s.cache, before?.cache, s.memory)}${buffer('TLB', ctx.tlb, s.tlb, before?.tlb, s.memory)}</div></div>
</div>`;
}
