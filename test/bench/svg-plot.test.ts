// The benchmark's SVG line plot: scales, lines through exact points only,
// hollow markers for lower bounds, escaped text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { linePlot, shortNumber } from '../../bench/svg-plot.js';

const plot = linePlot({
  title: 'states & orbits',
  xLabel: 'OSes',
  yLabel: 'states',
  logY: true,
  series: [
    { name: 'states', points: [{ x: 1, y: 832 }, { x: 2, y: 46_592 }, { x: 3, y: 216_000, lowerBound: true }] },
    { name: 'orbits', points: [{ x: 1, y: 576 }, { x: 2, y: 13_568 }, { x: 3, y: 182_656 }] },
  ],
});

describe('SVG line plot', () => {
  it('is one self-contained SVG document with escaped text', () => {
    assert.match(plot, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(plot.trimEnd(), /<\/svg>$/);
    assert.match(plot, /states &amp; orbits/);
    assert.doesNotMatch(plot, /states & orbits/);
  });

  it('puts log-scale ticks at the powers of ten around the data', () => {
    const ticks = [...plot.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(ticks, ['100', '1k', '10k', '100k', '1M']);
  });

  it('joins exact points only, and draws lower bounds hollow', () => {
    const lines = [...plot.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((m) => m[1]!.split(' ').length);
    assert.deepEqual(lines, [2, 3]);
    const hollow = [...plot.matchAll(/<circle [^>]*fill="white"[^>]*><title>([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(hollow, ['states: at least 216,000']);
  });

  it('writes large numbers shortly', () => {
    assert.deepEqual([5, 1000, 46_592, 2_181_168].map(shortNumber), ['5', '1k', '46.6k', '2.18M']);
  });
});
