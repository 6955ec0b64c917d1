import { describe, expect, it } from '@jest/globals';
import { medianChartSvg } from './median-chart';

describe('medianChartSvg', () => {
  const svg = medianChartSvg(
    [
      { label: 'CPAM <Nord> & "Pas"', medianDays: 45 },
      { label: 'CPAM de Paris', medianDays: 12 },
      { label: 'CCSS de la Lozère', medianDays: null, note: 'moins de 11 signalements' },
    ],
    { thresholdDays: 30, title: 'Délai médian' },
  );

  it('is one SVG with a title and every label escaped', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*role="img"><title>Délai médian<\/title>/);
    expect(svg).toContain('CPAM &#60;Nord&#62; &#38; &#34;Pas&#34;');
    expect(svg).not.toContain('<Nord>');
  });

  it('draws a bar per median, longer for a longer delay, and the note instead of a bar', () => {
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0] / widths[1]).toBeCloseTo(45 / 12, 1);
    expect(svg).toContain('moins de 11 signalements');
  });

  it('marks the threshold with a dashed line between the two bars', () => {
    const line = /<line x1="([\d.]+)"[^>]*stroke-dasharray/.exec(svg);
    const start = Number(/<rect x="([\d.]+)"/.exec(svg)![1]);
    const [long, short] = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((match) => start + Number(match[1]));
    expect(Number(line![1])).toBeGreaterThan(short);
    expect(Number(line![1])).toBeLessThan(long);
    expect(svg).toContain('seuil : 30 jours');
  });
});
