/**
 * The README's method table, written from the one method table (methods.ts),
 * so that documentation cannot drift from what the client and emulator do.
 * `npm run docs` rewrites the block between the markers in README.md; a test
 * fails when README.md holds anything else there.
 */
import { METHOD_NAMES, METHODS, ParamSpec } from './methods';

const DOCS_BEGIN = '<!-- methods:begin (generated from src/api/methods.ts by npm run docs) -->';
const DOCS_END = '<!-- methods:end -->';

function paramList(params: readonly ParamSpec[]): string {
  if (params.length === 0) return 'none';
  return params
    .map((p) => `${p.name}${p.required ? '' : '?'}${p.since ? ` (${p.since})` : ''}${p.uniqueSince ? ` (unique from ${p.uniqueSince})` : ''}`)
    .join(', ');
}

/** The markdown table: method, API version, security level, parameters, reply. */
export function methodsMarkdown(): string {
  const rows = METHOD_NAMES.map((name) => {
    const m = METHODS[name];
    return `| \`${name}\` | ${m.since} | ${m.level} | ${paramList(m.params)} | ${m.returns} |`;
  });
  return ['| method | since | level | parameters (? optional) | reply |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** `text` with the block between the markers replaced by the current table. */
export function withMethodsTable(text: string): string {
  const begin = text.indexOf(DOCS_BEGIN);
  const end = text.indexOf(DOCS_END);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks the markers ${DOCS_BEGIN} ... ${DOCS_END}`);
  return `${text.slice(0, begin + DOCS_BEGIN.length)}\n${methodsMarkdown()}\n${text.slice(end)}`;
}
