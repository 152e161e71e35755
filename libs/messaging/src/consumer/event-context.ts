import { EventMeta } from '@qa/contracts';
import { EntityManager } from 'typeorm';
import { DecodeResult } from './consume-errors';

/** What `@Ctx()` gives a handler of one event. */
export interface EventContext {
  meta: EventMeta;
  /** The transaction that also records the event in the inbox: write effects through it. */
  manager: EntityManager;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/** One event of a chunk: a chunk handler's `@Payload()` is a list of these. */
export interface ChunkItem<T> {
  event: T;
  meta: EventMeta;
  offset: string;
  key: string | null;
}

/** What `@Ctx()` gives a chunk handler. */
export interface ChunkContext {
  /** The transaction that also records the chunk's events in the inbox: write effects through it. */
  manager: EntityManager;
  topic: string;
  partition: number;
}

/**
 * The second argument of `@EventPattern(topic, options)`: how the host hands the topic over.
 *
 * - `chunk`: the handler takes each chunk's fresh events at once (`ChunkItem<T>[]`, `ChunkContext`)
 *   in one transaction with one inbox claim; if the chunk fails, its events are redone one by one
 *   (one-item arrays) with retries and then the dead-letter topic.
 * - `validate`: problems that make an event unusable; it is dead-lettered with them at once.
 * - `decode`: an outside producer's topic (not protobuf): its own decoder; our headers are
 *   optional and the event id comes from the record itself.
 */
export interface EventOptions<T = never> {
  chunk?: boolean;
  validate?: (event: T) => string[];
  decode?: (value: Buffer | null) => DecodeResult<T>;
}
