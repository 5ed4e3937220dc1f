/**
 * The polling fallback, for cameras without the event stream (or told to poll):
 * getAreaStatus and getGroupStatus every interval, read into the notifications
 * the camera would have sent (area alarms, any area, any area on a preset,
 * group deviations and, now and then, information), so subscribers cannot tell
 * the difference. Names, presets and the unit come from listAreas, listGroups
 * and the capabilities, read again when an unknown area shows up or after a minute.
 */
import { TOPIC } from '../../api/events';
import type { Timers } from './clock';
import { parseNotification, RawNotification, ThermometryEvent } from './parse';
import { failureOf, type Failure } from '../failure';
import { sameState } from './state';
import type { EventClient, StreamStatus } from './types';

export interface PollingOptions {
  /** Polling fallback period, default 2000 ms. */
  pollIntervalMs?: number;
  /** Information events while polling, default 30000 ms (0 = none). */
  informationIntervalMs?: number;
}

/** What the poller tells its owner, and asks of it. */
export interface PollerHandlers {
  status(status: StreamStatus): void;
  /** The last state delivered for a msg.topic, so a poll repeating it is not an event. */
  lastState(topic: string): ThermometryEvent | undefined;
  dispatch(event: ThermometryEvent): void;
}

export class Poller {
  private stopped = false;
  /** The last poll failed (status shows why); the next good one says 'polling' again. */
  private failing = false;
  private lastInformation = 0;
  private areaInfo = new Map<number, { name: string; presetNbr: number }>();
  private groupInfo = new Map<number, { name: string; threshold: number; presetNbr: number }>();
  private infoFetchedAt = -Infinity;
  private groupsSupported = true;
  private unit: string | undefined;

  constructor(
    private readonly client: EventClient,
    private readonly options: PollingOptions,
    private readonly timers: Timers,
    private readonly handlers: PollerHandlers,
  ) {}

  /** `why`: why it polls (the camera has no event stream). */
  start(why: Failure): void {
    if (this.stopped) return;
    this.handlers.status({ state: 'polling', failure: why, via: 'polling' });
    const poll = async () => {
      if (this.stopped) return;
      try {
        await this.pollOnce();
        if (this.stopped) return;
        if (this.failing) {
          this.failing = false;
          this.handlers.status({ state: 'polling', failure: why, via: 'polling' });
        }
      } catch (err) {
        if (this.stopped) return;
        const failure = failureOf(err);
        this.failing = true;
        this.handlers.status({ state: failure.fatal ? 'error' : 'reconnecting', failure, via: 'polling' });
      }
      if (!this.stopped) this.timers.later(poll, this.options.pollIntervalMs ?? 2000);
    };
    void poll();
  }

  /** No more polls (the owner cancels the pending timer with the others). */
  stop(): void {
    this.stopped = true;
  }

  private async refreshInfo(): Promise<void> {
    const areas = this.client.listAreas ? await this.client.listAreas({ presetNbr: 0 }) : { areaList: [] };
    this.areaInfo = new Map(areas.areaList.map((a: any) => [Number(a.id), { name: String(a.name ?? ''), presetNbr: Number(a.presetNbr ?? 0) }]));
    if (this.groupsSupported && this.client.listGroups) {
      try {
        const groups = await this.client.listGroups({ presetNbr: 0 });
        this.groupInfo = new Map(
          groups.groupList.map((g: any) => [
            Number(g.id),
            {
              name: String(g.name ?? ''),
              threshold: Number(g.threshold),
              presetNbr: Number(g.presetNbr ?? 0),
            },
          ]),
        );
      } catch (err: any) {
        if (err?.kind === 'version' || err?.kind === 'validation' || err?.code === 2102) this.groupsSupported = false;
        else throw err;
      }
    }
    if (this.client.capabilities) {
      const caps = await this.client.capabilities(true);
      this.unit = caps.currentTemperatureScale;
    }
    this.infoFetchedAt = this.timers.now();
  }

  private async pollOnce(): Promise<void> {
    if (!this.client.getAreaStatus) throw new Error('client cannot read area status');
    const status = await this.client.getAreaStatus();
    if (this.stopped) return;
    const unknownArea = status.areaList.some((a: any) => !this.areaInfo.has(Number(a.id)));
    if (unknownArea || this.timers.now() - this.infoFetchedAt > 60000) await this.refreshInfo();
    let groups: any[] = [];
    if (this.groupsSupported && this.client.getGroupStatus) {
      try {
        groups = (await this.client.getGroupStatus()).groupList;
      } catch (err: any) {
        if (err?.kind === 'version' || err?.kind === 'validation' || err?.code === 2102) this.groupsSupported = false;
        else throw err;
      }
    }
    if (this.stopped) return;
    const timestamp = this.timers.now();
    const unit = this.unit === 'fahrenheit' ? 'Fahrenheit' : 'Celsius';
    const sendInformation =
      (this.options.informationIntervalMs ?? 30000) > 0 && timestamp - this.lastInformation >= (this.options.informationIntervalMs ?? 30000);
    if (sendInformation) this.lastInformation = timestamp;
    const notifications: RawNotification[] = [];
    const byPreset = new Map<number, boolean>();
    let any = false;
    for (const area of status.areaList) {
      const id = Number(area.id);
      const info = this.areaInfo.get(id);
      const source: Record<string, string> = { AreaID: String(id) };
      if (info && info.presetNbr > 0) source.PresetNbr = String(info.presetNbr);
      const readings = {
        AreaName: info?.name ?? '',
        AverageTemp: String(area.avg),
        MaximumTemp: String(area.max),
        MinimumTemp: String(area.min),
        TemperatureUnit: unit,
        MaxTempPositionX: String(area.maxCoordinates?.[0] ?? ''),
        MaxTempPositionY: String(area.maxCoordinates?.[1] ?? ''),
        MinTempPositionX: String(area.minCoordinates?.[0] ?? ''),
        MinTempPositionY: String(area.minCoordinates?.[1] ?? ''),
      };
      const triggered = Boolean(area.triggered);
      any = any || triggered;
      if (info && info.presetNbr > 0) byPreset.set(info.presetNbr, (byPreset.get(info.presetNbr) ?? false) || triggered);
      notifications.push({
        topic: TOPIC['area-alarm'].topic,
        timestamp,
        message: { source, key: {}, data: { AlarmActive: triggered ? '1' : '0', ...readings } },
      });
      if (sendInformation) {
        notifications.push({ topic: TOPIC.information.topic, timestamp, message: { source: { ...source }, key: {}, data: { ...readings } } });
      }
    }
    notifications.push({
      topic: TOPIC['any-area'].topic,
      timestamp,
      message: { source: {}, key: {}, data: { AreaName: 'AnyArea', AlarmActive: any ? '1' : '0' } },
    });
    for (const [presetNbr, active] of byPreset) {
      notifications.push({
        topic: TOPIC['any-area-on-preset'].topic,
        timestamp,
        message: { source: { PresetNbr: String(presetNbr) }, key: {}, data: { AreaName: 'AnyAreaOnPreset', AlarmActive: active ? '1' : '0' } },
      });
    }
    for (const group of groups) {
      const id = Number(group.id);
      const info = this.groupInfo.get(id);
      const source: Record<string, string> = { GroupID: String(id) };
      if (info && info.presetNbr > 0) source.PresetNbr = String(info.presetNbr);
      const data: Record<string, string> = {
        AlarmActive: group.triggered ? '1' : '0',
        GroupName: String(group.details?.name ?? info?.name ?? ''),
        DeltaTemp: String(group.details?.currentDeviation ?? ''),
      };
      if (info && Number.isFinite(info.threshold)) data.ThresholdTemp = String(info.threshold);
      notifications.push({ topic: TOPIC['group-deviation'].topic, timestamp, message: { source, key: {}, data } });
    }
    for (const notification of notifications) {
      const event = parseNotification(notification, timestamp);
      if (!event) continue;
      event.via = 'polling';
      // Polls repeat the state: only the first reading and changes are notifications.
      if (event.stateful) {
        const previous = this.handlers.lastState(event.topic);
        if (previous && sameState(previous, event)) continue;
      }
      this.handlers.dispatch(event);
    }
  }
}
