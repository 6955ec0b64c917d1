import { execFile } from 'node:child_process';

export interface PdfPage {
  /** points, from the page's MediaBox */
  width: number;
  height: number;
  /** the content of the QR code found on the page image, if any */
  qrCode: string | null;
}

// pdf-parse loads pdf.js through a dynamic import, which jest's VM refuses: run it in a plain node.
// Each page is rendered to an image (pdf.js on @napi-rs/canvas), then read by jsQR as a phone would.
const READ_PAGES = `
const { PDFParse } = require('pdf-parse');
const { createCanvas, loadImage } = require('@napi-rs/canvas');
const jsQR = require('jsqr');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const screenshots = await parser.getScreenshot({ scale: 2, imageBuffer: true, imageDataUrl: false });
  const pages = [];
  for (const page of screenshots.pages) {
    const image = await loadImage(page.data);
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height);
    const code = jsQR(new Uint8ClampedArray(pixels.data), image.width, image.height);
    pages.push({ width: image.width / 2, height: image.height / 2, qrCode: code ? code.data : null });
  }
  process.stdout.write(JSON.stringify(pages));
  await parser.destroy();
});`;

/** Each page of a PDF: its size in points, and the QR code a scanner reads on it. */
export function pdfPages(file: Buffer): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', READ_PAGES], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as PdfPage[]),
    );
    child.stdin!.end(file);
  });
}
