/**
 * "Add many cameras": the list a person pastes, one camera a line, read by one
 * rule in the form (as it is typed) and in the admin route (what it is sent).
 * Nothing Node-only: the editor bundles it.
 *
 *   10.0.0.21                     an address (the protocol's port)
 *   10.0.0.22:8080                address and port ([v6]:port for IPv6)
 *   https://cam-7.plant.local     with the protocol (http or https)
 *   Line 3,10.0.0.23              name,host
 *   Line 4,10.0.0.24,8080         name,host,port (a tab or ; also separates)
 *   # a comment, and empty lines, are skipped
 */
import { hostProblem, portProblem } from './settings';

/** Most cameras one list adds (and the route tests). */
export const MAX_BULK_LINES = 256;
/** Longest line read; a name longer than a config node's label would be is cut here. */
export const MAX_BULK_LINE_LENGTH = 300;

export interface BulkEntry {
  /** The line's number in the list, from 1. */
  line: number;
  name: string;
  host: string;
  /** '' = the protocol's default. */
  port: string;
  /** Set when the line gives it (http:// or https://); else the form's. */
  protocol?: 'http' | 'https';
}

export interface BulkParse {
  entries: BulkEntry[];
  /** Lines that are not a camera, each with the rule it breaks. */
  problems: { line: number; text: string; error: string }[];
}

/** One line as a camera, or the reason it is not one. */
export function parseBulkLine(text: string, line: number): BulkEntry | { error: string } {
  if (text.length > MAX_BULK_LINE_LENGTH) return { error: `line ${line} is longer than ${MAX_BULK_LINE_LENGTH} characters` };
  const fields = text.split(/[,;\t]/).map((f) => f.trim());
  let name = '';
  let address: string;
  let port = '';
  if (fields.length === 1) address = fields[0];
  else if (fields.length === 2 || fields.length === 3) {
    [name, address] = fields;
    port = fields[2] ?? '';
  } else return { error: `line ${line}: one camera a line, as address, or name,host[,port]` };
  let protocol: 'http' | 'https' | undefined;
  const scheme = /^(https?):\/\//i.exec(address);
  if (scheme) {
    protocol = scheme[1].toLowerCase() as 'http' | 'https';
    address = address.slice(scheme[0].length).replace(/\/+$/, '');
  }
  // host:port, [v6]:port; a bare IPv6 address (two colons or more) keeps its colons.
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d*))?$/.exec(address);
  if (bracketed) {
    address = bracketed[1];
    if (bracketed[2] !== undefined) port = port || bracketed[2];
  } else {
    const hostPort = /^([^:]+):(\d*)$/.exec(address);
    if (hostPort) {
      if (port && hostPort[2] && port !== hostPort[2]) return { error: `line ${line}: two ports (${hostPort[2]} and ${port})` };
      address = hostPort[1];
      port = port || hostPort[2];
    }
  }
  const hostError = hostProblem(address);
  if (hostError) return { error: `line ${line}: ${hostError}` };
  const portError = portProblem(port);
  if (portError) return { error: `line ${line}: ${portError}` };
  return { line, name, host: address, port, ...(protocol ? { protocol } : {}) };
}

/** The pasted list: its cameras (at most MAX_BULK_LINES) and the lines that are not. */
export function parseBulkLines(text: string): BulkParse {
  const out: BulkParse = { entries: [], problems: [] };
  const lines = String(text ?? '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t || t.startsWith('#')) continue;
    if (out.entries.length >= MAX_BULK_LINES) {
      out.problems.push({ line: i + 1, text: t.slice(0, 80), error: `at most ${MAX_BULK_LINES} cameras a list: line ${i + 1} and those after it are left out` });
      break;
    }
    const parsed = parseBulkLine(t, i + 1);
    if ('error' in parsed) out.problems.push({ line: i + 1, text: t.slice(0, 80), error: parsed.error });
    else out.entries.push(parsed);
  }
  return out;
}

/** The name a camera without one gets: its address as a person writes it. */
export function defaultBulkName(entry: { host: string; port: string }): string {
  const host = entry.host.includes(':') ? `[${entry.host}]` : entry.host;
  return entry.port ? `${host}:${entry.port}` : entry.host;
}
