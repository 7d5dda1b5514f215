import { inflateSync } from 'node:zlib';

/**
 * Decodes a PNG far enough to trust it: signature, chunks, IHDR, and the image data inflated to
 * exactly one filtered row per line of pixels. Returns the size.
 */
export function decodePng(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number } | null = null;
  const data: Uint8Array[] = [];
  let ended = false;
  while (offset + 8 <= png.length && !ended) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR')
      header = {
        width: view.getUint32(offset + 8),
        height: view.getUint32(offset + 12),
        bitDepth: body[8] ?? 0,
        colourType: body[9] ?? 0,
      };
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error('PNG without IHDR or IEND');
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[header.colourType];
  if (!channels || header.bitDepth !== 8)
    throw new Error(`unexpected PNG format ${header.colourType}/${header.bitDepth}`);
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== header.height * (1 + header.width * channels))
    throw new Error('PNG image data does not match its size');
  return { width: header.width, height: header.height };
}
