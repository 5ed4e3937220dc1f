/**
 * What one camera has published on the MQTT tree, and what to publish next:
 * the status node feeds it each poll's result (or failure) and sends the
 * messages it returns to `mqtt out`. One per camera, so that a node polling
 * several cameras keeps one of these for each. No Node-RED, no broker.
 *
 * States are published when they change (or all of them when asked to
 * republish: after the broker came back, a consumer needs nothing of what it
 * had); the status topics at every poll unless only changes are asked for.
 */
import { statusChanged } from '../thermometry-status/changes';
import {
  topics, retained, cleared, onlinePayload, areaStatusPayload, groupStatusPayload, spotStatusPayload, polledAlarmPayload,
  acapAreasMessage, acapSpotMessage, acapConnectMessage,
  type MqttMessage, type MqttSettings, type SubjectKind,
} from './mqtt-topics';
import { discoveryConfigs, discoveryChanges, areaConfigTopics, deviceId, type DiscoveryDevice } from './mqtt-discovery';

type Entry = Record<string, any>;

export interface PollResult {
  kind: SubjectKind;
  list: Entry[];
  unit?: string;
  time: number;
}

export class CameraPublisher {
  readonly settings: MqttSettings;
  /** The camera's topic level. */
  readonly camera: string;
  /** host:port, for the application format's connect message and the device's link. */
  readonly address: string;
  /** The camera's name as people read it. */
  readonly label: string;

  private online: boolean | undefined;
  private reason: string | undefined;
  /** Last status entry sent, per status topic. */
  private readonly lastStatus = new Map<string, Entry>();
  /** Last alarm state seen by polls, per alarm topic. */
  private readonly lastTriggered = new Map<string, boolean>();
  private lastAcapList: Entry[] | undefined;
  private lastSpot: number | undefined;
  private lastStatusIds: string | undefined;
  /** Area names by id, from the last listAreas; undefined until read. */
  private areaNames: Map<number, string> | undefined;
  /** Areas the last area list no longer had: a status read before the removal must not publish them again (a ghost retained for good). */
  private readonly goneAreas = new Set<number>();
  private discoveryPublished = new Map<string, string>();
  private discoveryUnit: string | undefined;
  device: DiscoveryDevice | undefined;

  constructor(settings: MqttSettings, camera: string, label: string, address: string) {
    this.settings = settings;
    this.camera = camera;
    this.label = label;
    this.address = address;
  }

  /** The serial number level of the application format (the camera level until the camera told its serial). */
  get serial(): string {
    return this.device?.serialNumber ?? this.camera;
  }

  /** Whether the area list (listAreas) is worth reading now: not yet read, or the areas measured are not those of the last poll (one added, removed, disabled). */
  needsAreaNames(list: readonly Entry[]): boolean {
    if (this.settings.format !== 'thermometry') return false;
    const ids = list.map((e) => e?.id).join(',');
    const changed = ids !== this.lastStatusIds;
    this.lastStatusIds = ids;
    if (!this.areaNames) return true;
    return changed || list.some((e) => !this.areaNames!.has(e.id));
  }

  /** The online state: a message when it changed (or always with `all`). */
  onlineMessages(online: boolean, time: number, reason?: string, all = false): MqttMessage[] {
    const changed = this.online !== online || (!online && reason !== this.reason);
    this.online = online;
    this.reason = online ? undefined : reason;
    if (!changed && !all) return [];
    if (this.settings.format === 'acap') return [acapConnectMessage(this.serial, online, this.address)];
    return [retained(topics.online(this.settings.prefix, this.camera), onlinePayload(online, time, reason))];
  }

  /** One poll's readings: status topics (each, or those that changed), and an alarm topic where the state flipped. */
  pollMessages(poll: PollResult, options: { onlyChanges: boolean; step: number; all?: boolean }): MqttMessage[] {
    const { prefix } = this.settings;
    if (this.settings.format === 'acap') {
      if (poll.kind !== 'area' || poll.list.length === 0) return [];
      const changed = statusChanged(this.lastAcapList, poll.list, options.step);
      if (options.onlyChanges && !changed && !options.all) return [];
      this.lastAcapList = structuredClone(poll.list);
      return [acapAreasMessage(this.serial, poll.list, poll.time)];
    }
    const messages: MqttMessage[] = [];
    for (const entry of poll.list) {
      if (!entry || typeof entry.id !== 'number') continue;
      // Read before the area was removed, listed after: its topics were just emptied.
      if (poll.kind === 'area' && this.goneAreas.has(entry.id)) continue;
      const statusTopic = topics.status(prefix, this.camera, poll.kind, entry.id);
      const previous = this.lastStatus.get(statusTopic);
      if (options.all || !options.onlyChanges || statusChanged(previous ? [previous] : undefined, [entry], options.step)) {
        this.lastStatus.set(statusTopic, structuredClone(entry));
        const payload = poll.kind === 'area'
          ? areaStatusPayload(entry, poll.time, poll.unit, this.areaNames?.get(entry.id))
          : groupStatusPayload(entry, poll.time, poll.unit);
        messages.push(retained(statusTopic, payload));
      }
      const alarmTopic = topics.alarm(prefix, this.camera, poll.kind, entry.id);
      const triggered = Boolean(entry.triggered);
      const before = this.lastTriggered.get(alarmTopic);
      this.lastTriggered.set(alarmTopic, triggered);
      // The event node says it first, with the event's fields; a poll says it when it sees the change, and on republish.
      if (options.all || (before !== undefined && before !== triggered)) messages.push(retained(alarmTopic, polledAlarmPayload(poll.kind, entry, poll.time)));
    }
    return messages;
  }

  /** The spot meter's reading (with only changes: when it moved by more than the step). */
  spotMessages(spot: Entry, unit: string | undefined, time: number, options: { onlyChanges: boolean; step: number; all?: boolean }): MqttMessage[] {
    const before = this.lastSpot;
    const moved = before === undefined || !(Math.abs(Number(spot.spotTemperature) - before) <= options.step);
    if (options.onlyChanges && !moved && !options.all) return [];
    this.lastSpot = Number(spot.spotTemperature);
    if (this.settings.format === 'acap') return [acapSpotMessage(this.serial, spot, time)];
    return [retained(topics.spot(this.settings.prefix, this.camera), spotStatusPayload(spot, time, unit))];
  }

  /**
   * The camera's areas as listAreas gave them: names for the status payloads,
   * and for an area gone from the camera, its retained topics emptied (status,
   * alarm, Home Assistant configs) so that no consumer sees a ghost.
   */
  areasListed(areas: readonly Entry[]): MqttMessage[] {
    const names = new Map<number, string>();
    for (const a of areas) if (a && typeof a.id === 'number') names.set(a.id, typeof a.name === 'string' ? a.name : '');
    const messages: MqttMessage[] = [];
    if (this.areaNames && this.settings.format === 'thermometry') {
      for (const id of this.areaNames.keys()) {
        if (names.has(id)) continue;
        const statusTopic = topics.status(this.settings.prefix, this.camera, 'area', id);
        const alarmTopic = topics.alarm(this.settings.prefix, this.camera, 'area', id);
        this.lastStatus.delete(statusTopic);
        this.lastTriggered.delete(alarmTopic);
        messages.push(cleared(statusTopic), cleared(alarmTopic));
        this.goneAreas.add(id);
      }
    }
    // An id the camera lists again is an area again (ids are reused after a removal).
    for (const id of names.keys()) this.goneAreas.delete(id);
    this.areaNames = names;
    return messages;
  }

  /** Home Assistant's configs for the areas known now: those new or changed, and empties for those gone. */
  discoveryMessages(unit: string | undefined, all = false): MqttMessage[] {
    if (!this.settings.discovery || !this.areaNames || !this.device) return [];
    const useUnit = unit ?? this.discoveryUnit;
    if (!useUnit) return [];
    this.discoveryUnit = useUnit;
    const areas = [...this.areaNames].map(([id, name]) => ({ id, name }));
    const configs = discoveryConfigs({ discoveryPrefix: this.settings.discoveryPrefix, prefix: this.settings.prefix, camera: this.camera, device: this.device, unit: useUnit, areas });
    if (!configs) return [];
    const { messages, published } = discoveryChanges(this.discoveryPublished, configs, all);
    this.discoveryPublished = published;
    return messages;
  }

  /** The config topics this publisher holds for an area (for tests and for removal). */
  areaConfigTopics(id: number): string[] {
    return this.device ? areaConfigTopics(this.settings.discoveryPrefix, deviceId({ camera: this.camera, device: this.device }), id) : [];
  }
}
