/**
 * VAPIX Thermometry error codes (the VAPIX Thermometry API reference, "Error codes").
 * The emulator answers with these; the client names them in its errors.
 */
export const ERROR_CODES = {
  1100: { http: 500, meaning: 'Internal error' },
  1200: { http: 400, meaning: 'API-specific error (not unique, limit reached, or preset/area/group does not exist)' },
  1202: { http: 400, meaning: 'Method not supported on this device' },
  2100: { http: 400, meaning: 'API version not supported' },
  2101: { http: 400, meaning: 'Invalid JSON' },
  2102: { http: 400, meaning: 'Method not supported' },
  2103: { http: 400, meaning: 'Required parameter missing' },
  2104: { http: 400, meaning: 'Invalid parameter value' },
  2105: { http: 400, meaning: 'Invalid arguments' },
  2106: { http: 400, meaning: 'Invalid request method' },
  2107: { http: 400, meaning: 'Invalid content length' },
  2108: { http: 400, meaning: 'Invalid content type' },
  2109: { http: 403, meaning: 'Authorization failed' },
  2110: { http: 401, meaning: 'Authentication failed' },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes the reference's own examples use although its table lacks them. */
const LEGACY_ERROR_CODES: Readonly<Record<number, string>> = {
  1000: 'Invalid parameter value',
  3000: 'API version not supported',
};

export function describeErrorCode(code: number): string | undefined {
  return (ERROR_CODES as Record<number, { meaning: string }>)[code]?.meaning ?? LEGACY_ERROR_CODES[code];
}
