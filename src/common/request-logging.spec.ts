import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { BufferedLineSink } from './request-logging';

describe(BufferedLineSink.name, () => {
  it('writes the lines of one event-loop turn in one chunk, in order', async () => {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const sink = new BufferedLineSink(output);
    sink.write('{"a":1}');
    sink.write('{"b":2}');
    expect(chunks).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    sink.write('{"c":3}');
    sink.flush();
    expect(chunks).toEqual(['{"a":1}\n{"b":2}\n', '{"c":3}\n']);
  });
});
