/** What the parts of the event stream share: the client they read through and the status they report. */
import type { ThermometryClient } from '../client';
import type { Failure } from '../failure';

/**
 * What the stream uses of a ThermometryClient: raw requests to the camera's
 * other CGIs, and the reads the polling fallback needs (optional: without them
 * a camera can only be followed over WebSocket).
 */
export type EventClient = Pick<ThermometryClient, 'baseUrl' | 'tls' | 'request' | 'authorization'> &
  Partial<Pick<ThermometryClient, 'getAreaStatus' | 'listAreas' | 'getGroupStatus' | 'listGroups' | 'capabilities'>>;

export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'error' | 'polling' | 'closed';

export interface StreamStatus {
  state: StreamState;
  /** Reconnection attempt (1, 2, ...) while reconnecting or in error. */
  attempt?: number;
  /** Why it cannot connect, or why it polls (failure.reason: refused, wrongPassword, noEventStream...). Never contains credentials. */
  failure?: Failure;
  /** Delay before the next attempt. */
  retryInMs?: number;
  via?: 'websocket' | 'polling';
}
