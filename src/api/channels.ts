/**
 * What a camera calls its video channels, for labels people read: VAPIX
 * param.cgi lists each channel's name as `root.Image.I<n>.Name=<name>` (n the
 * channel as thermometry numbers it, from 0; image.cgi's camera=n+1). A
 * bispectral camera that names a channel "Thermal" or "Visual" says what it
 * is; a name that says neither ("Video 1", as a thermal-only camera calls its
 * one channel) leaves the channel known by its number.
 */

/** The param.cgi query (PARAM_PATH in paths.ts) that lists the channels' parameters, names among them. */
export const CHANNEL_NAMES_QUERY = 'action=list&group=Image';

export type ChannelKind = 'thermal' | 'visual';

/** Channel number -> name, from param.cgi's `root.Image.I<n>.Name=...` lines (other lines ignored). */
export function parseChannelNames(text: string): Record<number, string> {
  const names: Record<number, string> = {};
  for (const line of String(text).split(/\r?\n/)) {
    const m = /^(?:root\.)?Image\.I(\d{1,2})\.Name=(.*)$/.exec(line.trim());
    if (m) names[Number(m[1])] = m[2].trim().slice(0, 60);
  }
  return names;
}

/** What a channel's name says it is, if anything. */
export function channelKind(name: string | undefined): ChannelKind | undefined {
  if (!name) return undefined;
  if (/\b(thermal|thermo|infrared|ir)\b/i.test(name)) return 'thermal';
  if (/\b(visual|visible|optical|daylight|colou?r)\b/i.test(name)) return 'visual';
  return undefined;
}

/** A channel's plain label: "thermal" or "visual" where its name says so, else "channel <n>". */
export function channelLabel(nbr: number, name?: string): string {
  return channelKind(name) ?? `channel ${nbr}`;
}
