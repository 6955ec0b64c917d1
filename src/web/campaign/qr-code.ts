import { create } from 'qrcode';

// The standard asks for a quiet zone of 4 modules around the code for a reliable scan.
const QUIET_ZONE = 4;

/**
 * The QR code of an address as SVG, encoded by qrcode (https://github.com/soldair/node-qrcode).
 * Level M (15 % of the code can be lost) survives a creased or badly printed poster. The dark
 * modules are drawn as filled runs, not as qrcode's own stroked lines: strokes leave hairline gaps
 * between rows once converted into PDF paths, which some readers then fail on.
 */
export function qrCodeSvg(address: string): string {
  const { modules } = create(address, { errorCorrectionLevel: 'M' });
  const side = modules.size + 2 * QUIET_ZONE;
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      runs.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${column - start}v1h-${column - start}z`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}"><rect width="${side}" height="${side}" fill="#ffffff"/><path fill="#000000" d="${runs.join('')}"/></svg>`;
}
