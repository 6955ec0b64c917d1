import { describe, expect, it } from '@jest/globals';
import { SnapshotAnswerCache } from './snapshot-answer-cache';
import type { StatsResponse } from './stats.dto';

const answer = (reports: number) => ({ total: { reports } }) as unknown as StatsResponse;

describe(SnapshotAnswerCache.name, () => {
  it('serves an answer only for the snapshot it was computed from', () => {
    const cache = new SnapshotAnswerCache(10);
    cache.set('7', 'q', answer(1));
    expect(cache.get('7', 'q')).toEqual(answer(1));
    expect(cache.get('8', 'q')).toBeUndefined();
  });

  it('forgets every answer of an older snapshot when a newer one is stored', () => {
    const cache = new SnapshotAnswerCache(10);
    cache.set('7', 'a', answer(1));
    cache.set('8', 'b', answer(2));
    expect(cache.get('7', 'a')).toBeUndefined();
    expect(cache.get('8', 'a')).toBeUndefined();
    expect(cache.get('8', 'b')).toEqual(answer(2));
  });

  it('drops the least recently used answer past its capacity', () => {
    const cache = new SnapshotAnswerCache(2);
    cache.set('1', 'a', answer(1));
    cache.set('1', 'b', answer(2));
    cache.get('1', 'a');
    cache.set('1', 'c', answer(3));
    expect(cache.get('1', 'b')).toBeUndefined();
    expect(cache.get('1', 'a')).toEqual(answer(1));
    expect(cache.get('1', 'c')).toEqual(answer(3));
  });
});
