import { barChartSvg } from './bar-chart';
import { classOf, franceMapSvg, MAP_DEPARTEMENTS, mapClasses } from './france-map';
import { compactPath, subpaths } from './path-data';
import { fitText, niceScale } from './svg';
import { segments, trendChartSvg } from './trend-chart';

const BAR_OPTIONS = {
  id: 'barres',
  title: 'Délais <médians>',
  description: 'Délais déclarés & n',
  threshold: 30,
  thresholdLabel: 'seuil : 30 j',
  missingText: 'moins de 11 signalements',
};

describe('niceScale', () => {
  it.each([
    [41, 60, 20],
    [90, 100, 50],
    [30, 30, 10],
    [31, 40, 10],
    [7, 8, 2],
    [0, 1, 0.5],
  ])('rounds %p up to %p in steps of %p', (value, max, step) => {
    expect(niceScale(value)).toEqual({ max, step });
  });
});

describe('fitText', () => {
  it('keeps a short label and cuts a long one at a word', () => {
    expect(fitText('CPAM de Paris', 20)).toBe('CPAM de Paris');
    expect(fitText('CCSS de la Lozère (Caisse commune de sécurité sociale)', 40)).toBe('CCSS de la Lozère (Caisse commune de…');
    expect(fitText('Abcdefghijklmnopqrstuvwxyz', 10)).toBe('Abcdefghi…');
  });
});

describe('barChartSvg', () => {
  it('escapes labels and names itself for assistive technologies', () => {
    const svg = barChartSvg([{ label: 'Caisse "A" <script>', value: 12 }], BAR_OPTIONS);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Caisse &quot;A&quot; &lt;script&gt;');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="barres-titre barres-desc"');
    expect(svg).toContain('<title id="barres-titre">Délais &lt;médians&gt;</title>');
    expect(svg).toContain('<desc id="barres-desc">Délais déclarés &amp; n</desc>');
    expect(svg).not.toMatch(/style=/);
  });

  it('scales bars to the largest value or the threshold, and marks the threshold', () => {
    const svg = barChartSvg(
      [
        { label: 'A', value: 20 },
        { label: 'B', value: 40 },
      ],
      BAR_OPTIONS,
    );
    // Plot width 312 from x = 4; scale 0..40.
    const widths = [...svg.matchAll(/<rect x="4" y="\d+" width="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(widths).toEqual([156, 312]);
    expect(svg).toContain('<line x1="238" y1="20" x2="238"');
    expect(svg).toContain('seuil : 30 j');
  });

  it('writes the missing text instead of a bar for a suppressed row', () => {
    const svg = barChartSvg(
      [
        { label: 'A', value: null },
        { label: 'B', value: 5 },
      ],
      BAR_OPTIONS,
    );
    expect(svg.match(/<rect /g)).toHaveLength(1);
    expect(svg).toContain('moins de 11 signalements');
  });
});

describe('barChartSvg, print layout (the PDF export)', () => {
  const svg = barChartSvg(
    [
      { label: 'CPAM <Nord> & "Pas" (595)', value: 45 },
      { label: 'CPAM de Paris (751)', value: 12 },
      { label: 'CCSS de la Lozère (481)', value: null, note: 'pas assez de signalements pour publier' },
    ],
    { ...BAR_OPTIONS, layout: 'print', thresholdLabel: 'seuil : 30 jours', formatValue: (value) => `${value} j` },
  );

  it('puts each escaped label in a column left of its bar, in the PDF font, without paint-order halos', () => {
    expect(svg).toContain('<text x="324" y="42" font-size="12" text-anchor="end" fill="#1b1b1b">CPAM &lt;Nord&gt; &amp; &quot;Pas&quot; (595)</text>');
    expect(svg).toContain('font-family="Helvetica, Arial, sans-serif"');
    expect(svg).not.toContain('paint-order');
  });

  it('draws a bar per value, longer for a longer delay, the note instead of a bar, and the threshold between', () => {
    const widths = [...svg.matchAll(/<rect x="330" y="\d+" width="([\d.]+)"/g)].map((match) => Number(match[1]));
    // Plot width 620 from x = 330; scale 0..60.
    expect(widths).toEqual([465, 124]);
    expect(svg).toContain('pas assez de signalements pour publier');
    expect(svg).toContain('<line x1="640" y1="20" x2="640"');
    expect(svg).toContain('seuil : 30 jours');
    expect(svg).toContain('>45 j</text>');
  });
});

describe('trendChartSvg', () => {
  it('splits a series at its gaps', () => {
    expect(segments([1, 2, null, 4, null, null, 7, 8])).toEqual([
      [
        [0, 1],
        [1, 2],
      ],
      [[3, 4]],
      [
        [6, 7],
        [7, 8],
      ],
    ]);
    expect(segments([null, null])).toEqual([]);
  });

  it('draws one line per run, never across a suppressed month, and a legend with labels', () => {
    const svg = trendChartSvg(
      [
        { label: 'CPAM <test>', values: [10, 20, null, 30, 40], colour: '#0a3d6e' },
        { label: 'France entière', values: [15, 15, 15, 15, 15], colour: '#6b3e00', dashed: true },
      ],
      {
        id: 'tendance',
        title: 'T',
        description: 'D',
        periods: ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'],
        threshold: 30,
        thresholdLabel: 'seuil',
      },
    );
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).toContain('CPAM &lt;test&gt;');
    expect(svg).toContain('France entière');
    // 4 round marks for the fund's months plus its legend mark; 5 + 1 squares for France.
    expect(svg.match(/<circle /g)).toHaveLength(5);
    expect(svg.match(/<rect /g)).toHaveLength(6);
  });

  it('draws each event as a numbered vertical line at its place on the axis, its title escaped', () => {
    const options = { id: 'tendance', title: 'T', description: 'D', periods: ['2025-01', '2025-02', '2025-03'], threshold: 30, thresholdLabel: 'seuil' };
    const series = [{ label: 'CPAM', values: [10, 20, 30], colour: '#0a3d6e' }];
    const svg = trendChartSvg(series, { ...options, events: [{ position: 1, marker: '1', title: 'Fermeture <accueil> & plateforme' }] });
    expect(svg.match(/<g class="event-mark">/g)).toHaveLength(1);
    expect(svg).toContain('<title>Fermeture &lt;accueil&gt; &amp; plateforme</title>');
    // Period 1 of 3 is the middle of the plot: 34 + (360 - 34 - 12) / 2.
    expect(svg).toContain('<line x1="191" y1="30" x2="191" y2="200"');
    expect(trendChartSvg(series, options)).not.toContain('event-mark');
  });
});

describe('franceMapSvg', () => {
  it('classes medians around the threshold, and never tells a suppressed figure from no figure', () => {
    expect(classOf({ suppressed: false, medianDays: 14, reports: 20 }, 30)).toBe('c1');
    expect(classOf({ suppressed: false, medianDays: 15, reports: 20 }, 30)).toBe('c2');
    expect(classOf({ suppressed: false, medianDays: 30, reports: 20 }, 30)).toBe('c3');
    expect(classOf({ suppressed: false, medianDays: 45, reports: 20 }, 30)).toBe('c4');
    expect(classOf({ suppressed: true }, 30)).toBe('masque');
    expect(classOf(undefined, 30)).toBe('masque');
    expect(classOf({ suppressed: false, medianDays: null, reports: 20 }, 30)).toBe('non-atteinte');
    const delayLabels = ['moins de 15 jours', 'de 15 à 29 jours', 'de 30 à 44 jours', '45 jours ou plus'];
    const otherLabels = ['pas assez de signalements pour publier', 'médiane non atteinte (plus de la moitié encore en attente)'];
    expect(mapClasses(30).map((mapClass) => mapClass.label)).toEqual([...delayLabels, ...otherLabels]);
    expect(mapClasses(30, 'hors de la région choisie').map((mapClass) => mapClass.label)).toEqual([
      ...delayLabels,
      ...otherLabels,
      'hors de la région choisie',
    ]);
  });

  it('draws every département, metropolitan and overseas, with its figure in its title', () => {
    const figures = new Map([
      ['75', { suppressed: false as const, medianDays: 40, reports: 120 }],
      ['971', { suppressed: true as const }],
    ]);
    const svg = franceMapSvg(figures, { id: 'carte', title: 'Carte', description: 'D', thresholdDays: 30 });
    expect(MAP_DEPARTEMENTS).toHaveLength(101);
    for (const { code } of MAP_DEPARTEMENTS) expect(svg).toContain(`id="departement-${code}"`);
    for (const code of ['971', '972', '973', '974', '976']) expect(svg).toContain(`id="encart-${code}"`);
    expect(svg).toMatch(/id="departement-75" data-classe="c3"[^>]*><title>75 Ville de Paris : délai médian déclaré 40 jours \(120 signalements\)<\/title>/);
    // Suppressed (971) and without any report (13): the same class and the same words.
    expect(svg).toMatch(/id="departement-971" data-classe="masque"[^>]*><title>971 Guadeloupe : pas assez de signalements pour publier<\/title>/);
    expect(svg).toMatch(/id="departement-13" data-classe="masque"[^>]*><title>13 Bouches-du-Rhône : pas assez de signalements pour publier<\/title>/);
    // The magnified Paris corner copies the paths without their ids, hidden from screen readers.
    expect(svg.match(/id="departement-75"/g)).toHaveLength(1);
    expect(svg).toMatch(/<g id="zoom-paris" aria-hidden="true">.*<path d="[^"]+" fill="url\(#carte-zoom-classe-c3\)"/);
    expect(svg).not.toMatch(/style=/);
  });

  it('draws the départements outside the chosen region apart, in words of their own', () => {
    const outside = {
      codes: new Set(MAP_DEPARTEMENTS.map((departement) => departement.code).filter((code) => code !== '29')),
      label: 'hors de la région choisie',
    };
    const svg = franceMapSvg(new Map(), { id: 'carte', title: 'Carte', description: 'D', thresholdDays: 30, outside });
    expect(svg).toMatch(/id="departement-29" data-classe="masque"/);
    expect(svg).toMatch(/id="departement-75" data-classe="hors"[^>]*><title>75 Ville de Paris : hors de la région choisie<\/title>/);
    expect(svg.match(/data-classe="hors"/g)).toHaveLength(100);
  });
});

describe('compactPath', () => {
  it('keeps every point within a tenth of a unit and drops repeated points', () => {
    const path = 'm 413.70408,308.36159 6.69,-20.52 0.4,1.07 0,0 -0.04,-0.02 z m 10,10 1.25,0 0,1.25 z';
    const compact = compactPath(path);
    // 308.36159 − 20.52 = 287.84159 → 287.8, so the step between rounded points is −20.6.
    expect(compact).toBe('M413.7,308.4l6.7-20.6 .4,1.1zM423.7,318.4l1.3,0 0,1.2z');
    const original = subpaths(path);
    const rounded = absolutePoints(compact);
    expect(rounded).toHaveLength(2);
    for (const [ring, points] of rounded.entries()) {
      for (const [x, y] of points) {
        expect(original[ring].some(([ox, oy]) => Math.abs(ox - x) <= 0.1 && Math.abs(oy - y) <= 0.1)).toBe(true);
      }
    }
  });
});

/** Reads "M x,y l dx,dy … z" back into points (the compact form). */
function absolutePoints(path: string): [number, number][][] {
  return path
    .split('z')
    .filter(Boolean)
    .map((part) => {
      const numbers = part
        .replace(/^M/, '')
        .replace('l', ' ')
        .match(/-?(\d+\.?\d*|\.\d+)/g)!
        .map(Number);
      const points: [number, number][] = [[numbers[0], numbers[1]]];
      for (let index = 2; index < numbers.length; index += 2) {
        const [x, y] = points[points.length - 1];
        points.push([Math.round((x + numbers[index]) * 10) / 10, Math.round((y + numbers[index + 1]) * 10) / 10]);
      }
      return points;
    });
}
