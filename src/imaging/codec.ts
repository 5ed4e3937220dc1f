/**
 * JPEG in and out with jpeg-js (pure JavaScript, already the emulator's
 * encoder: no native build for Node-RED users), and a PNG writer for copies
 * to look at while debugging.
 */
import * as zlib from 'zlib';
import * as jpeg from 'jpeg-js';
import type { RgbImage } from './image';

/**
 * Largest picture decoded: a thermal camera's picture is about 0.1 megapixels
 * (384x288, 640x480), its largest stream resolution 1920x1080. A JPEG of a few
 * hundred bytes can claim 6000x6600 pixels, whose decoding blocks the event
 * loop for seconds and takes close to a gigabyte: the size in its frame header
 * is checked before any decoding (decodeJpeg), and a larger one refused.
 */
export const MAX_DECODE_PIXELS = 1920 * 1080;
export const MAX_DECODE_MEGAPIXELS = MAX_DECODE_PIXELS / 1e6;
const MAX_DECODE_MEMORY_MB = 64;

/** Baseline JPEG (jpeg-js, no chroma subsampling). jpeg-js builds its tables per call: tens of ms a picture. */
export function encodeJpeg(img: RgbImage, quality = 85): Buffer {
  const rgba = Buffer.alloc(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.data.length; i += 3, j += 4) {
    rgba[j] = img.data[i];
    rgba[j + 1] = img.data[i + 1];
    rgba[j + 2] = img.data[i + 2];
    rgba[j + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality).data;
}

/**
 * A JPEG (baseline or progressive; grey, colour or CMYK) as RGB. Throws on a
 * broken picture, and on one larger than MAX_DECODE_PIXELS before decoding it.
 */
export function decodeJpeg(data: Buffer): RgbImage {
  const size = jpegSize(data);
  if (!size) throw new Error('not a JPEG with a frame header');
  if (size.width * size.height > MAX_DECODE_PIXELS) {
    throw new Error(
      `the picture claims ${size.width}x${size.height} pixels, more than the ${MAX_DECODE_PIXELS} (1920x1080) decoded here; ask the camera for a smaller resolution`,
    );
  }
  const img = jpeg.decode(data, {
    formatAsRGBA: false,
    useTArray: false,
    maxResolutionInMP: MAX_DECODE_MEGAPIXELS,
    maxMemoryUsageInMB: MAX_DECODE_MEMORY_MB,
  });
  return { width: img.width, height: img.height, data: img.data as Buffer };
}

/**
 * Width and height from a JPEG's frame header, without decoding the picture;
 * undefined when `data` is not a JPEG or has no frame header.
 */
export function jpegSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 3 < data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    } // fill byte
    // Markers without a length: RSTn, SOI, EOI, TEM.
    if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = data.readUInt16BE(i + 2);
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > data.length) return undefined;
      return { height: data.readUInt16BE(i + 5), width: data.readUInt16BE(i + 7) };
    }
    if (marker === 0xda) return undefined; // scan data before any frame header
    i += 2 + length;
  }
  return undefined;
}

/** Writes a PNG (8-bit RGB, deflated). */
export function encodePng(img: RgbImage): Buffer {
  const raw = Buffer.alloc((img.width * 3 + 1) * img.height);
  for (let y = 0; y < img.height; y++) {
    raw[y * (img.width * 3 + 1)] = 0;
    img.data.copy(raw, y * (img.width * 3 + 1) + 1, y * img.width * 3, (y + 1) * img.width * 3);
  }
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (let i = 0; i < buf.length; i++) {
    c ^= buf[i];
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}
