// The report's style sheet, inline so that the file needs nothing else. The
// layout is fluid: columns wrap or stack below a phone's width, and long
// texts wrap rather than widen the page.
export const STYLE = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#c8ced6;--chg:#fff0a8;--chg-edge:#9a6700;--bad:#b42318;--good:#1a7f37;--cycle:#6639ba;--differs:#ffd8d3}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main,footer,nav{max-width:1280px;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1{font-size:1.5rem;margin:.3rem 0}
h2{font-size:1.25rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .4rem}
h4{font-size:1rem;margin:.2rem 0 .3rem}
h5{font-size:.95rem;margin:0 0 .3rem}
p,td,th,dd,dt,li,summary,caption,code{overflow-wrap:anywhere}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;white-space:normal}
a{color:#0b57d0}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem .6rem;z-index:2}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.5rem 0}
.summary-line{font-size:1.05rem}
.status{white-space:nowrap}.status.violated{color:var(--bad);font-weight:700}.status.holds{color:var(--good);font-weight:600}.status.inconclusive{color:var(--chg-edge);font-weight:600}
table{border-collapse:collapse}
caption{text-align:left;font-weight:600;padding:.2rem 0}
.grid th,.grid td{border:1px solid var(--line);padding:.15rem .4rem;text-align:left;vertical-align:top}
.grid thead th{background:#f3f4f6}
.kv th{text-align:left;font-weight:500;color:var(--muted);padding:.1rem .6rem .1rem 0;vertical-align:top}
.kv td{padding:.1rem 0}
.num td{text-align:right}
.verdicts{width:100%}.verdicts tr.sub th{padding-left:1.5rem;font-weight:400}
.tables{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start}
.scroll{max-width:100%;overflow-x:auto}
.chart svg{width:100%;max-width:720px;height:auto;display:block}
.chart .bar{fill:#3b6fd4}.chart .grid{stroke:#e3e6ea}.chart .tick,.chart .axis{font-size:11px;fill:var(--muted)}
.cx{border-top:1px solid var(--line);margin-top:1.5rem}
.violation{background:#fff5f5;border-left:4px solid var(--bad);padding:.3rem .6rem}
.files{color:var(--muted);font-size:.9em}
ol.steps,ol.rows{list-style:none;padding:0;margin:0}
.step,.side{border:1px solid var(--line);border-radius:6px;padding:.5rem .6rem;margin:.5rem 0;background:#fff;min-width:0}
.step h4 .n,.side h4 .n{display:inline-block;min-width:1.6em;padding:0 .3em;border-radius:3px;background:#e8ebef;text-align:center;font-variant-numeric:tabular-nums}
.changes{margin:.1rem 0 .4rem;color:var(--muted);font-size:.9em}
.machine{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-start}
.cpu{display:flex;flex-wrap:wrap;gap:.3rem;margin:0;flex-basis:100%}
.cpu div{border:1px solid var(--line);border-radius:4px;padding:.05rem .45rem;display:flex;gap:.35rem}
.cpu dt{color:var(--muted)}.cpu dd{margin:0;font-weight:600}
.oses{display:flex;flex-wrap:wrap;gap:.5rem}
.os{border:2px solid var(--line);border-radius:6px;padding:.3rem .5rem;min-width:0}
.os.active{box-shadow:0 0 0 2px #0b57d0 inset}
.os small{font-weight:400;color:var(--muted)}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;vertical-align:-.05em;border:1px solid #0003}
.own-0 .swatch,tr.own-0 .owner{background:#cfe0ff}.os.own-0{border-color:#7aa7f0}
.own-1 .swatch,tr.own-1 .owner{background:#ffd9b3}.os.own-1{border-color:#f0a860}
.own-2 .swatch,tr.own-2 .owner{background:#c9efcf}.os.own-2{border-color:#6cc07a}
.own-3 .swatch,tr.own-3 .owner{background:#ecd5ff}.os.own-3{border-color:#b784e8}
small.tag{padding:0 .3em;border-radius:3px;font-weight:400}small.own-0.tag{background:#cfe0ff}small.own-1.tag{background:#ffd9b3}small.own-2.tag{background:#c9efcf}small.own-3.tag{background:#ecd5ff}small.own-hyp.tag{background:#e3e3e3}
tr.own-hyp .owner{background:#e3e3e3}tr.own-free .owner{color:var(--muted)}
.store{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-start;min-width:0}
.buffers{display:flex;flex-direction:column;gap:.4rem}
.buffer{min-width:12em}.os .grid{min-width:8.5em}
.memory .pt{margin:.15rem 0 0;font-size:.9em}
td.chg,.cpu .chg,.chg-sample{background:var(--chg);box-shadow:inset 0 0 0 2px var(--chg-edge);font-weight:700}
tr.gone td{color:var(--bad)}
.cycle{border:3px dashed var(--cycle);border-radius:8px;padding:.4rem .6rem;margin:.6rem 0;background:#f8f3ff}
.cycle-title{color:var(--cycle)}
.closing{border-color:var(--cycle)}
.cycle-start{border:3px dashed var(--cycle)}.cycle-note{color:var(--cycle);font-weight:600;margin:.1rem 0 .3rem}
.finding{border:2px solid var(--bad);border-radius:6px;padding:.5rem .7rem;margin:.6rem 0;background:#fffafa}
tr.differs th,tr.differs td{background:var(--differs)}
tr.differs th{box-shadow:inset 4px 0 0 var(--bad)}
.view{margin:.2rem 0 .4rem;font-size:.9em}.view summary{cursor:pointer;font-weight:600}
.pair-head{display:grid;grid-template-columns:1fr 1fr;gap:.8rem;font-weight:700;position:sticky;top:0;background:#fff;padding:.3rem 0;z-index:1;border-bottom:1px solid var(--line)}
.row{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.8rem;align-items:start}
.side .who{display:inline-block;font-size:.8em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-right:.3em}
.side.blank{border-style:dashed;color:var(--muted);background:#fafbfc}
.stepper{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.4rem 0}
.stepper button{font:inherit;padding:.25rem .7rem;border:1px solid #8c959f;border-radius:5px;background:#f6f8fa;cursor:pointer}
.stepper .position{color:var(--muted)}
footer{color:var(--muted);font-size:.85em;padding:2rem 1rem}
@media (max-width:720px){
 body{font-size:14px}
 .pair-head{display:none}
 .side.blank{display:none}
 .row{grid-template-columns:minmax(0,1fr);gap:0;border-left:3px solid var(--line);padding-left:.4rem;margin-bottom:.6rem}
 .step,.side{padding:.4rem}
}
`;
