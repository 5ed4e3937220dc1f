/**
 * The snapshot node's own overlays, for cameras whose overlays are off: each
 * area the camera measures now (getAreaStatus, joined with listAreas for its
 * outline and name) with its live max and average, red while triggered, and
 * the spot meter with its reading. Drawn with src/imaging on the decoded
 * picture and encoded again.
 */
import type { ThermometryClient } from '../shared/client';
import { decodeJpeg, drawAreaOverlays, drawSpotOverlay, encodeJpeg, overlayScale, type OverlayArea, type OverlaySpot } from '../../imaging';

export interface OverlayReadings {
  areas: OverlayArea[];
  spot?: OverlaySpot;
  /** The areas drawn, as msg.snapshot.areas tells them. */
  drawn: { id: number; name: string; max: number; avg: number; triggered: boolean }[];
}

function degrees(value: number, unit: string): string {
  return `${value.toFixed(1)}°${unit}`;
}

/** What to draw, read from the camera (operator level: listAreas, getAreaStatus, the spot). */
export async function readOverlay(client: ThermometryClient): Promise<OverlayReadings> {
  const [listed, status, spot, caps] = await Promise.all([
    client.listAreas(),
    client.getAreaStatus(),
    // A camera without a spot meter (or one that refuses it) still gets its areas drawn.
    client.getSpotTemperature({ coordinateSystem: 'coord_neg1_1' }).catch(() => undefined),
    client.capabilities().catch(() => undefined),
  ]);
  const unit = caps?.currentTemperatureScale === 'fahrenheit' ? 'F' : caps?.currentTemperatureScale === 'celsius' ? 'C' : '';
  const byId = new Map(listed.areaList.map((a) => [a.id, a]));
  const areas: OverlayArea[] = [];
  const drawn: OverlayReadings['drawn'] = [];
  // Only the areas measured now (enabled, and on the current preset of a PTZ camera).
  for (const s of status.areaList) {
    const area = byId.get(s.id);
    if (!area || !Array.isArray(area.vertices) || area.vertices.length < 3) continue;
    areas.push({
      vertices: area.vertices,
      triggered: s.triggered === true,
      label: [area.name || `area ${s.id}`, `max ${degrees(s.max, unit)} avg ${degrees(s.avg, unit)}`],
    });
    drawn.push({ id: s.id, name: area.name, max: s.max, avg: s.avg, triggered: s.triggered === true });
  }
  const readings: OverlayReadings = { areas, drawn };
  // renderOverlay false: no spot is set (removeSpotTemperature).
  if (spot && spot.renderOverlay && Array.isArray(spot.spotCoordinates) && typeof spot.spotTemperature === 'number') {
    readings.spot = { point: spot.spotCoordinates, label: degrees(spot.spotTemperature, unit) };
  }
  return readings;
}

/** The picture with the overlays drawn, as JPEG at `quality`. */
export function drawOverlay(jpeg: Buffer, readings: OverlayReadings, quality: number): { image: Buffer; width: number; height: number } {
  const img = decodeJpeg(jpeg);
  const scale = overlayScale(img.width);
  drawAreaOverlays(img, readings.areas, scale);
  if (readings.spot) drawSpotOverlay(img, readings.spot, scale);
  return { image: encodeJpeg(img, quality), width: img.width, height: img.height };
}
