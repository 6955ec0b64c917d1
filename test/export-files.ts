import { expect } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { execFile } from 'node:child_process';
import type { Test } from 'supertest';

/** Collects a response body as bytes, whatever its content type. */
export function binary(request: Test): Test {
  return request.buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

export interface ParsedCsvExport {
  metadata: Map<string, string>;
  header: string[];
  rows: string[][];
}

/** Reads a CSV export back: BOM, CRLF, the metadata block, an empty line, then the table. */
export function parseCsvExport(file: Buffer, delimiter: ';' | ','): ParsedCsvExport {
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = file.toString('utf8').slice(1);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  const blank = text.indexOf('\r\n\r\n');
  const metadataRecords: string[][] = parse(text.slice(0, blank + 2), { delimiter, record_delimiter: '\r\n' });
  const [header, ...rows]: string[][] = parse(text.slice(blank + 4), { delimiter, record_delimiter: '\r\n' });
  metadataRecords.forEach((record) => expect(record).toHaveLength(2));
  return { metadata: new Map(metadataRecords.map(([key, value]) => [key, value])), header, rows };
}

/** A number as written in a CSV export: '' is null; the French dialect writes a decimal comma. */
export function csvNumber(text: string, delimiter: ';' | ','): number | null {
  if (text === '') return null;
  if (delimiter === ';') expect(text).not.toContain('.');
  return Number(delimiter === ';' ? text.replace(',', '.') : text);
}

export async function readWorkbook(file: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

// pdf-parse loads pdf.js through a dynamic import, which jest's VM refuses: run it in a plain node.
const EXTRACT_PDF_TEXT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  process.stdout.write((await parser.getText()).text);
  await parser.destroy();
});`;

/** The text of a PDF, as pdf-parse extracts it. */
export function pdfText(file: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', EXTRACT_PDF_TEXT], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    child.stdin!.end(file);
  });
}
