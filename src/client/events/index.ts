export { EVENT_NAMES, TOPICS, TOPIC, bareTopic, topicInfo, topicForCamera, spellTopic } from '../../api/events';
export type { CameraTopic, EventName, TopicInfo } from '../../api/events';
export * from './parse';
export * from './stream';
