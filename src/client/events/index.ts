export { EVENT_NAMES, TOPICS, TOPIC, bareTopic, topicInfo, topicForCamera, spellTopic } from '../../api/events';
export type { CameraTopic, EventName, TopicInfo } from '../../api/events';
export * from './parse';
export type { EventClient, StreamState, StreamStatus } from './types';
export type { Clock } from './clock';
export type { HubOptions } from './hub';
export { SUBSCRIPTION_FILTERS } from './session';
export * from './stream';
