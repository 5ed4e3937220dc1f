/**
 * Pictures: RGB images in memory, a bitmap font, the thermal overlays and the
 * JPEG/PNG codecs. Framework-free; used by the emulator's image.cgi and by
 * the snapshot node, which must not import the emulator.
 */
export { setPixel, viewToPixel } from './image';
export type { RgbImage, Rgb } from './image';
export { GLYPH_WIDTH, GLYPH_HEIGHT, textWidth, drawText } from './font';
export { GREEN, RED, WHITE, overlayScale, drawLine, drawAreaOverlays, drawSpotOverlay } from './overlay';
export type { OverlayArea, OverlaySpot } from './overlay';
export { encodeJpeg, decodeJpeg, jpegSize, encodePng, MAX_DECODE_MEGAPIXELS } from './codec';
