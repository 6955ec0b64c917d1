import type { Writable } from 'node:stream';
import { escapeHtml } from '../presentation/html';
import { ColumnKind, ExportColumn, ExportMetadata, ExportValue } from './export-table';
import { neutralizeFormula } from './spreadsheet-safety';
import { columnWidth } from './xlsx';
import { ZipWriter } from './zip-writer';

// The cube as XLSX, written straight as SpreadsheetML into a streamed ZIP: the same workbook as
// the exceljs renderer (typed numbers, % format, a styled, frozen header row with an auto-filter,
// an "Informations" sheet), at a fraction of the cost. exceljs builds a row object, a cell object
// and a style lookup for each of the cube's ~4 million cells, and was most of a cube export's time
// (docs/performance.md). Texts go to the shared-string table: the cube repeats a few thousand.

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const METADATA_SHEET = 'Informations';
/** Rows written to the ZIP at once: one string per batch instead of one write per row. */
const ROWS_PER_WRITE = 200;

// Cell styles (cellXfs indexes): 0 plain, 1 header, 2 whole number "0", 3 share "0%", 4 wrapped
// text, 5 bold.
const STYLE_BY_KIND: Record<ColumnKind, number> = { text: 0, count: 2, days: 2, share: 3 };
const HEADER_STYLE = 1;
const WRAPPED_STYLE = 4;
const BOLD_STYLE = 5;
const STYLES = `${XML_DECLARATION}<styleSheet xmlns="${MAIN}">
<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

function contentTypes(): string {
  const sheet = (index: number) =>
    `<Override PartName="/xl/worksheets/sheet${index}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheet(1)}${sheet(2)}
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
}

const PACKAGE_RELS = `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">
<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

function workbook(sheetName: string, filterRange: string): string {
  return `${XML_DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView/></bookViews>
<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/><sheet name="${METADATA_SHEET}" sheetId="2" r:id="rId2"/></sheets>
<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${escapeXml(sheetName.replace(/'/g, "''"))}'!${filterRange}</definedName></definedNames></workbook>`;
}

// Characters XML 1.0 cannot hold at all; the five it must escape are the pages' own escaping.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeXml(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Numbers each distinct text once, in order of first use (the sharedStrings part). */
class SharedStrings {
  private readonly indexes = new Map<string, number>();

  indexOf(text: string): number {
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.indexes.size;
      this.indexes.set(text, index);
    }
    return index;
  }

  toXml(uses: number): string {
    let items = '';
    for (const text of this.indexes.keys()) items += `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`;
    return `${XML_DECLARATION}<sst xmlns="${MAIN}" count="${uses}" uniqueCount="${this.indexes.size}">${items}</sst>`;
  }
}

/** Writes rows of one sheet as SpreadsheetML; an empty figure or text is no cell at all. */
class SheetRows {
  private rowNumber = 0;
  uses = 0;

  constructor(
    private readonly strings: SharedStrings,
    private readonly letters: string[],
  ) {}

  get count(): number {
    return this.rowNumber;
  }

  row(values: ExportValue[], styles: number[], attributes = ''): string {
    const number = ++this.rowNumber;
    let xml = `<row r="${number}"${attributes}>`;
    for (let column = 0; column < values.length; column++) {
      const value = values[column];
      if (value === null || value === '') continue;
      const reference = `${this.letters[column]}${number}`;
      const style = styles[column] === 0 ? '' : ` s="${styles[column]}"`;
      if (typeof value === 'number') {
        if (Number.isFinite(value)) xml += `<c r="${reference}"${style}><v>${value}</v></c>`;
      } else {
        this.uses++;
        xml += `<c r="${reference}"${style} t="s"><v>${this.strings.indexOf(neutralizeFormula(value))}</v></c>`;
      }
    }
    return `${xml}</row>`;
  }
}

function columnsXml(widths: number[]): string {
  return `<cols>${widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>`;
}

/**
 * A long table written row by row into `output` as an XLSX workbook, with the output's
 * backpressure: only one batch of rows is held at a time, plus the shared texts.
 */
export async function streamXlsx(
  columns: ExportColumn[],
  lines: AsyncIterable<ExportValue[]>,
  metadata: ExportMetadata,
  sheetName: string,
  output: Writable,
): Promise<void> {
  const zip = new ZipWriter(output);
  const strings = new SharedStrings();
  const letters = columns.map((_, index) => columnLetters(index));
  const lastLetter = letters[letters.length - 1];
  await zip.startEntry('xl/worksheets/sheet1.xml');
  await zip.write(
    `${XML_DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/>${columnsXml(columns.map(columnWidth))}<sheetData>`,
  );
  const table = new SheetRows(strings, letters);
  await zip.write(
    table.row(
      columns.map((column) => column.header),
      columns.map(() => HEADER_STYLE),
      ' ht="32" customHeight="1"',
    ),
  );
  const styles = columns.map((column) => STYLE_BY_KIND[column.kind]);
  let batch = '';
  let batched = 0;
  for await (const line of lines) {
    batch += table.row(line, styles);
    if (++batched === ROWS_PER_WRITE) {
      await zip.write(batch);
      batch = '';
      batched = 0;
    }
  }
  const filterRange = `$A$1:$${lastLetter}$${table.count}`;
  await zip.write(`${batch}</sheetData><autoFilter ref="A1:${lastLetter}${table.count}"/></worksheet>`);

  await zip.startEntry('xl/worksheets/sheet2.xml');
  const information = new SheetRows(strings, ['A', 'B']);
  let informationRows = information.row(['Clé', 'Valeur'], [BOLD_STYLE, BOLD_STYLE]);
  for (const [key, value] of metadata) informationRows += information.row([key, value], [0, WRAPPED_STYLE]);
  await zip.write(
    `${XML_DECLARATION}<worksheet xmlns="${MAIN}"><sheetFormatPr defaultRowHeight="15"/>${columnsXml([34, 100])}<sheetData>${informationRows}</sheetData></worksheet>`,
  );

  for (const [name, content] of [
    ['xl/sharedStrings.xml', strings.toXml(table.uses + information.uses)],
    ['xl/styles.xml', STYLES],
    ['xl/workbook.xml', workbook(sheetName, filterRange)],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
    ['_rels/.rels', PACKAGE_RELS],
    ['[Content_Types].xml', contentTypes()],
  ]) {
    await zip.startEntry(name);
    await zip.write(content);
  }
  await zip.finish();
  output.end();
}
