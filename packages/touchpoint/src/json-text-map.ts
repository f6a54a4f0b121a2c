/**
 * Traits, context and web properties are Avro `map<string>` whose values are JSON
 * texts. These helpers convert from and to plain JSON values. JSON has no
 * `undefined`: a key whose value is undefined is left out, as JSON.stringify does.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function toJsonTextMap(values: Readonly<Record<string, JsonValue | undefined>>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) map[key] = JSON.stringify(value);
  }
  return map;
}

/** Throws SyntaxError naming the key when a value is not JSON (validateTouchpoint reports that earlier). */
export function fromJsonTextMap(map: Readonly<Record<string, string>>): Record<string, JsonValue> {
  const values: Record<string, JsonValue> = {};
  for (const [key, text] of Object.entries(map)) {
    try {
      values[key] = JSON.parse(text) as JsonValue;
    } catch (error) {
      throw new SyntaxError(`value of ${JSON.stringify(key)} is not a JSON text: ${(error as Error).message}`);
    }
  }
  return values;
}
