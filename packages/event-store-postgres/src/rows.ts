import type { EventMetadata, JsonValue, RecordedEvent } from '@c360/event-store';

/** An `es_events` row as the SQL port returns it (int8 as bigint, jsonb parsed). */
export interface EventRow {
  global_position: bigint;
  stream_id: string;
  stream_revision: bigint;
  event_id: string;
  type: string;
  data: JsonValue;
  metadata: EventMetadata;
  recorded_at: Date;
}

export const EVENT_COLUMNS = 'global_position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
    recordedAt: row.recorded_at,
  };
}
