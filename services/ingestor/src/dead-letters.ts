import type { Bus, IncomingMessage, OutgoingMessage } from '@c360/bus';
import { C360Error } from '@c360/errors';

/** Headers a dead letter carries beside the original message's own. */
export const DEAD_LETTER_HEADERS = {
  error: 'c360-dlq-error',
  code: 'c360-dlq-code',
  stage: 'c360-dlq-stage',
  topic: 'c360-dlq-topic',
  partition: 'c360-dlq-partition',
  offset: 'c360-dlq-offset',
  at: 'c360-dlq-at',
} as const;

export interface DeadLetter {
  message: IncomingMessage;
  stage: 'decode' | 'resolve';
  error: unknown;
}

/** The original bytes, key and headers, plus why and where from: enough to inspect and retry. */
export function deadLetterMessage(letter: DeadLetter, at: Date): OutgoingMessage {
  const { message, error } = letter;
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.error]: (error instanceof Error ? error.message : String(error)).slice(0, 2_000),
      [DEAD_LETTER_HEADERS.code]: error instanceof C360Error ? error.code : 'internal_error',
      [DEAD_LETTER_HEADERS.stage]: letter.stage,
      [DEAD_LETTER_HEADERS.topic]: message.topic,
      [DEAD_LETTER_HEADERS.partition]: String(message.partition),
      [DEAD_LETTER_HEADERS.offset]: String(message.offset),
      [DEAD_LETTER_HEADERS.at]: at.toISOString(),
    },
  };
}

/** Publishes dead letters; resolves once the bus holds them, so the originals may be committed. */
export async function sendToDeadLetters(bus: Bus, topic: string, letters: DeadLetter[], at: Date): Promise<void> {
  if (letters.length > 0)
    await bus.publish(
      topic,
      letters.map((l) => deadLetterMessage(l, at)),
    );
}
