import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parser as saxParser } from 'sax';
import { parisToday } from '../src/config/paris-date';
import { lastCompleteQuarter, previousQuarter } from '../src/stats/alerts';
import { StatsService } from '../src/stats/stats.service';
import { seededRandom } from './seeded-random';
import { insertReports, ReportRow, reportsInQuarter } from './stats-factory';
import { startTestApp, TestApp } from './test-app';

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
}

/** The feed read by a real XML parser (sax, strict mode: a malformed document throws). */
function parseAtom(xml: string): { root: string; namespace: string; id: string; updated: string; entries: AtomEntry[] } {
  const parser = saxParser(true, { xmlns: true });
  const path: string[] = [];
  const feed = { root: '', namespace: '', id: '', updated: '', entries: [] as AtomEntry[] };
  let entry: AtomEntry | undefined;
  parser.onopentag = (node) => {
    const tag = node as { name: string; uri: string; attributes: Record<string, { value: string }> };
    if (path.length === 0) [feed.root, feed.namespace] = [tag.name, tag.uri];
    path.push(tag.name);
    if (tag.name === 'entry') entry = { id: '', title: '', updated: '', link: '', summary: '' };
    if (tag.name === 'link' && entry) entry.link = tag.attributes.href.value;
  };
  parser.ontext = (text) => {
    const [parent, name] = [path.at(-2), path.at(-1)];
    if (entry && parent === 'entry' && name && name in entry && name !== 'link') entry[name as keyof AtomEntry] += text;
    if (parent === 'feed' && (name === 'id' || name === 'updated')) feed[name] += text;
  };
  parser.onclosetag = (name) => {
    path.pop();
    if (name === 'entry' && entry) feed.entries.push(entry);
  };
  parser.write(xml).close();
  return feed;
}

describe('alerts: /api/stats/alerts, /statistiques/alertes and its Atom feed', () => {
  let testApp: TestApp;
  const after = lastCompleteQuarter(parisToday());
  const before = previousQuarter(after);
  beforeAll(async () => {
    testApp = await startTestApp();
    const random = seededRandom(777);
    const reports: ReportRow[] = [];
    // Fund 751: delays doubled in the last complete quarter; funds 931, 921, 594: steady.
    reports.push(...reportsInQuarter(random, '751', before, 90, 20), ...reportsInQuarter(random, '751', after, 90, 40));
    for (const caisse of ['931', '921', '594'])
      reports.push(...reportsInQuarter(random, caisse, before, 70, 30), ...reportsInQuarter(random, caisse, after, 70, 30));
    await insertReports(testApp.db, reports);
    await testApp.app.get(StatsService).refresh();
  });
  afterAll(async () => testApp.close());

  it('reports the fund whose delays doubled, with figures as published', async () => {
    const body = (await testApp.http.get('/api/stats/alerts').expect(200)).body;
    expect(body).toMatchObject({ quarter: after, thresholdDays: 30, falseDiscoveryRate: 0.05 });
    expect(body.compared).toBeGreaterThanOrEqual(4);
    const alert = body.alerts.find(
      (candidate: { caisse: string; kind: string; baseline: string }) =>
        candidate.caisse === '751' && candidate.kind === 'all' && candidate.baseline === 'previous-quarter',
    );
    expect(alert).toBeDefined();
    expect(alert.pValue).toBeLessThan(0.001);
    // Each side is what GET /api/stats publishes for that quarter.
    const compare = (await testApp.http.get(`/api/stats/compare?caisse=751&before=${before}&after=${after}`).expect(200)).body;
    expect(alert.before).toEqual({
      period: before,
      reports: compare.before.reports,
      medianDays: compare.before.medianDays,
      shareOverThreshold: compare.before.shareOverThreshold,
    });
    expect(alert.after.medianDays).toBe(compare.after.medianDays);
    expect(alert.pValue).toBe(compare.comparison.logRank.pValue);
    expect(body.alerts.filter((candidate: { caisse: string }) => ['931', '921', '594'].includes(candidate.caisse))).toEqual([]);
  });

  it('serves a valid Atom 1.0 feed with one entry per alert and stable ids', async () => {
    const response = await testApp.http.get('/statistiques/alertes.atom').expect(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseAtom(response.text);
    expect(feed.root).toBe('feed');
    expect(feed.namespace).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toMatch(/^http:\/\/.+\/statistiques\/alertes$/);
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    const api = (await testApp.http.get('/api/stats/alerts').expect(200)).body;
    expect(feed.entries.map((entry) => entry.id)).toEqual(api.alerts.map((alert: { id: string }) => alert.id));
    const paris = feed.entries.find((entry) => entry.id === `urn:delais-ij:alerte:751:all:${before}:${after}`)!;
    expect(paris.title).toContain('CPAM de Paris (tous arrêts) : délais en hausse');
    expect(paris.link).toMatch(/\/statistiques\/caisses\/751$/);
    expect(paris.summary).toContain('Benjamini–Hochberg');
    // Another read of the same snapshot: the same ids.
    expect(parseAtom((await testApp.http.get('/statistiques/alertes.atom').expect(200)).text).entries.map((entry) => entry.id)).toEqual(
      feed.entries.map((entry) => entry.id),
    );
  });

  it('lists the alerts on a French page linked to the feed', async () => {
    const page = (await testApp.http.get('/statistiques/alertes').expect(200)).text;
    expect(page).toContain('<h1>Caisses dont les délais se dégradent</h1>');
    expect(page).toContain('href="/statistiques/caisses/751"');
    expect(page).toContain('href="/statistiques/alertes.atom"');
    for (const steady of ['931', '921', '594']) expect(page).not.toContain(`href="/statistiques/caisses/${steady}"`);
  });
});
