/** Components of the query API's OpenAPI document: the shapes of answers and errors. */

const string = { type: 'string' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const object = { type: 'object', additionalProperties: true } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nextCursor = {
  type: ['string', 'null'],
  description: 'Opaque; pass it back as `cursor` for the next page. Null on the last page.',
} as const;
const resolvedFrom = {
  ...uuid,
  description: 'The id asked for, when it was absorbed into the customer answered (see Content-Location).',
};

export const schemas = {
  Error: {
    type: 'object',
    required: ['code', 'message', 'details'],
    properties: {
      code: {
        type: 'string',
        description:
          'Stable, machine-readable: invalid_parameter, unauthorized, forbidden, not_found, not_merged, concurrency_conflict, access_log_unavailable, …',
      },
      message: string,
      details: {
        type: 'object',
        properties: {
          issues: { type: 'array', items: { type: 'object', properties: { path: string, message: string } } },
        },
        additionalProperties: true,
      },
    },
  },
  Identifier: {
    type: 'object',
    required: ['type', 'value'],
    properties: { type: string, value: { type: 'string', description: 'Masked for role reader.' } },
  },
  Profile: {
    type: 'object',
    required: [
      'customerId',
      'status',
      'identifiers',
      'traits',
      'channels',
      'touchpointCount',
      'mergedFrom',
      'createdAt',
    ],
    properties: {
      customerId: uuid,
      status: { type: 'string', enum: ['live', 'merged'] },
      displayName: { type: ['string', 'null'], description: 'Initials for role reader.' },
      identifiers: { type: 'array', items: ref('Identifier') },
      traits: { ...object, description: 'Latest value per trait; personal kinds masked for role reader.' },
      computed: {
        ...object,
        description:
          'Computed traits (lifetime value, value tier, lifecycle …). Absent from as-of profiles when not configured.',
      },
      firstSeenAt: nullableDateTime,
      lastSeenAt: nullableDateTime,
      channels: { type: 'array', items: string },
      touchpointCount: { type: 'integer' },
      mergedFrom: {
        type: 'array',
        items: uuid,
        description: 'Customers absorbed into this one, transitively, not reverted.',
      },
      createdAt: dateTime,
      resolvedFrom,
      asOf: { ...dateTime, description: 'Present on a profile folded from the event store as of this instant.' },
    },
  },
  CustomerSummary: {
    type: 'object',
    properties: {
      customerId: uuid,
      displayName: { type: ['string', 'null'] },
      identifiers: { type: 'array', items: ref('Identifier') },
      firstSeenAt: nullableDateTime,
      lastSeenAt: nullableDateTime,
      channels: { type: 'array', items: string },
      touchpointCount: { type: 'integer' },
    },
  },
  SearchPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: { items: { type: 'array', items: ref('CustomerSummary') }, nextCursor },
  },
  Contact: {
    type: 'object',
    required: ['touchpointId', 'channel', 'type', 'occurredAt', 'receivedAt', 'summary', 'source'],
    properties: {
      touchpointId: uuid,
      channel: { type: 'string', enum: ['web', 'call_center', 'pos', 'email'] },
      type: string,
      occurredAt: dateTime,
      receivedAt: dateTime,
      summary: { ...object, description: 'Non-personal facts.' },
      source: ref('Source'),
      detail: { ...object, description: 'Identifiers, traits, context, payload. Roles pii_reader and admin only.' },
    },
  },
  ContactPage: {
    type: 'object',
    required: ['customerId', 'items', 'nextCursor'],
    properties: { customerId: uuid, resolvedFrom, items: { type: 'array', items: ref('Contact') }, nextCursor },
  },
  Source: {
    type: 'object',
    properties: { system: string, sourceId: string, adapter: string, adapterVersion: string, rawSha256: string },
  },
  Event: {
    type: 'object',
    required: ['type', 'streamId', 'customerId', 'revision', 'globalPosition', 'recordedAt', 'metadata', 'data'],
    properties: {
      type: string,
      streamId: string,
      customerId: uuid,
      revision: { type: 'string', pattern: '^\\d+$' },
      globalPosition: { type: 'string', pattern: '^\\d+$' },
      recordedAt: dateTime,
      metadata: {
        type: 'object',
        properties: {
          causationId: { type: ['string', 'null'] },
          correlationId: { type: ['string', 'null'] },
          ruleVersion: { type: ['string', 'null'] },
          decidedAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
      data: {
        ...object,
        description:
          "Opened with the customer's key; for role reader personal values masked, context and payload null.",
      },
      source: ref('Source'),
      masked: { type: 'boolean' },
    },
  },
  EventPage: {
    type: 'object',
    required: ['customerId', 'members', 'items', 'nextCursor'],
    properties: {
      customerId: uuid,
      resolvedFrom,
      members: { type: 'array', items: uuid },
      items: { type: 'array', items: ref('Event') },
      nextCursor,
    },
  },
  Explanation: {
    type: 'object',
    required: ['customerId', 'members', 'identifiers', 'merges', 'conflicts'],
    properties: {
      customerId: uuid,
      resolvedFrom,
      members: { type: 'array', items: uuid },
      identifiers: {
        type: 'array',
        items: {
          type: 'object',
          properties: { type: string, value: string, customerId: uuid, touchpointId: uuid, linkedAt: dateTime },
        },
      },
      merges: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            absorbedId: uuid,
            survivorId: uuid,
            evidence: { type: 'array', items: { type: 'object', properties: { type: string, hash: string } } },
            touchpointId: uuid,
            ruleVersion: string,
            mergedAt: dateTime,
            revertedAt: nullableDateTime,
            reason: { type: ['string', 'null'] },
          },
        },
      },
      conflicts: { type: 'array', items: object },
    },
  },
  UnmergeRequest: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
  },
  UnmergeResult: {
    type: 'object',
    required: ['survivorId', 'absorbedId', 'commandId'],
    properties: { survivorId: uuid, absorbedId: uuid, commandId: string },
  },
} as const;
