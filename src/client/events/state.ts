/** When two readings of one event say the same, and copies that a consumer may change freely. */
import type { ThermometryEvent } from './parse';

/** Same state: for a stateful event, the same alarm state; otherwise the same payload. */
export function sameState(a: ThermometryEvent | undefined, b: ThermometryEvent): boolean {
  if (!a) return false;
  return signature(a) === signature(b);
}

function signature(event: ThermometryEvent): string {
  return event.stateful ? String(event.payload.active) : JSON.stringify(event.payload);
}

export function cloneEvent(event: ThermometryEvent, initial: boolean): ThermometryEvent {
  const copy: ThermometryEvent = { ...event, payload: { ...event.payload } };
  if (initial) copy.initial = true;
  else delete copy.initial;
  return copy;
}
