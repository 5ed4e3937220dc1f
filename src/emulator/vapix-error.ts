import { ERROR_CODES, ErrorCode } from '../api/errors';

/** A VAPIX error the emulator answers with: JSON `error` and the code's HTTP status. */
export class VapixError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? `${ERROR_CODES[code].meaning}.`);
    this.name = 'VapixError';
    this.code = code;
  }
  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
}

export const missingParam = (name: string) => new VapixError(2103, `Missing parameter: '${name}'`);
export const invalidParam = (name: string, why?: string) => new VapixError(2104, `Invalid parameter for: '${name}'${why ? ` (${why})` : ''}`);
