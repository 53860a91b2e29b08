/**
 * Inputs for the fuzz test (FZ-*, docs/spec/fuzz.md). Not a test file.
 *
 * - `fromSchema` turns a JSON Schema — a route's schema as Fastify validates it, or a zod schema of
 *   the live protocol through `z.toJSONSchema` — into an arbitrary of values that are mostly well
 *   formed, so that they get past validation into the handlers, with a share of mutated nodes:
 *   the wrong type, a length or a bound one off, a pattern broken by one character, a field too
 *   many or too few, odd and huge strings, deep nesting. Known values ("hints", by property name)
 *   are mixed in so that inputs also get past the look-ups (a real step id, a real token).
 * - Raw garbage: text that is not JSON, JSON of the wrong shape, bytes.
 * - Sentinels: a hint may be `§§name`, a value only known when the input is sent (the current
 *   report version, a fresh command id, the secret belonging to a participant id); `resolveDeep`
 *   replaces them just before sending.
 */
import fc from 'fast-check';

/** The part of JSON Schema that the route schemas and `z.toJSONSchema` of the protocol use. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
}

export interface SchemaFuzz {
  /**
   * Known values by property name (`key`), by array item (`key[]`) and by record key
   * (`key.keys`), tried three times as often as a generated value.
   */
  readonly hints?: Readonly<Record<string, readonly unknown[]>>;
  /** Relative weights of a well-formed node and a mutated one (default 8 : 1). */
  readonly valid?: number;
  readonly mutated?: number;
  /** Lengths of the huge strings a mutation may put in (default 5,000 to 300,000 characters). */
  readonly huge?: readonly number[];
}

/** A value resolved only when the input is sent (see `resolveDeep`). */
export const SENTINEL = '§§';
export const late = (name: string) => `${SENTINEL}${name}`;

/** Strings that have broken servers before: path tricks, injections, odd Unicode, type names. */
export const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '   ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '..',
  '../..',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '%2e%2e',
  '%00',
  '%ff',
  '%',
  '%%',
  '%u0041',
  '\\',
  '\\..\\..\\',
  '//',
  '/./',
  '?',
  '#',
  '&',
  '=',
  ';',
  '<script>alert(1)</script>',
  '"\'`',
  '${process.exit()}',
  '{{constructor.constructor("x")()}}',
  "'; DROP TABLE meetings; --",
  "' OR '1'='1",
  'é',
  'İ',
  'ß',
  'ﬃ',
  'Å',
  'A\u030a',
  '👩‍👩‍👧‍👦',
  '\u202egnp.exe',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\uffff',
  '\u{10ffff}',
  '\u2028\u2029',
  '𝓗𝓮𝓵𝓵𝓸',
  '٣٤',
  'ＡＢＣＤＥＦＧＨ',
  'x'.repeat(81),
  'x'.repeat(257),
  'é'.repeat(300),
  '😀'.repeat(1000),
];

/** What a mutation appends to a good string: each breaks a pattern or a trimmed length. */
const SUFFIXES: readonly string[] = ['!', ' ', '-', '_', 'A', '.', '/', '..', '%00', '\u0000', 'é', '\ud800', '\n', '😀', '--'];

/** Arrays nested `depth` deep: `[[[…]]]`, built without recursion. */
export function nestedArrays(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** Objects nested `depth` deep: `{"a":{"a":…}}`. */
export function nestedObjects(depth: number, key = 'a'): unknown {
  let value: unknown = {};
  for (let i = 1; i < depth; i++) value = { [key]: value };
  return value;
}

/** Sets an own, enumerable property, also for names such as `__proto__`. */
export function withKey(target: unknown, key: string, value: unknown): unknown {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return target;
  const copy: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Any JSON value of another kind than expected, including deep nesting. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, '', [], {}, [null], { '': null }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 1000 }).map(nestedArrays) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 500 }).map((n) => nestedObjects(n)) },
);

const clamp32 = (n: number) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, n));

export function fromSchema(schema: JsonSchema, fuzz: SchemaFuzz = {}, key?: string): fc.Arbitrary<unknown> {
  const hints = key !== undefined ? fuzz.hints?.[key] : undefined;
  const built = wellFormed(schema, fuzz, key);
  let good = hints && hints.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...hints), weight: 3 }, { arbitrary: built, weight: 1 }) : built;
  // Free text (not a constant or an enum) gets hostile characters where the schema allows them,
  // known values included: a real join code with a NUL in it still gets past the schema.
  if (typeOf(schema) === 'string' && schema.const === undefined && schema.enum === undefined) good = spiced(good, schema);
  const mutated = fuzz.mutated ?? 1;
  if (mutated <= 0) return good;
  return fc.oneof({ arbitrary: good, weight: fuzz.valid ?? 8 }, { arbitrary: mutation(schema, good, fuzz, key), weight: mutated });
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type[0] as string | undefined;
  if (typeof schema.type === 'string') return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function wellFormed(schema: JsonSchema, fuzz: SchemaFuzz, key?: string): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches && branches.length > 0) {
    if (typeOf(schema) === 'object') {
      // The branches refine the object itself (e.g. `oneOf: [{required: [code]}, {required: [token]}]`).
      const { oneOf: _o, anyOf: _a, ...base } = schema;
      return fc.oneof(
        ...branches.map((b) =>
          objectOf({ ...base, ...b, properties: { ...base.properties, ...b.properties }, required: [...(base.required ?? []), ...(b.required ?? [])] }, fuzz, key),
        ),
      );
    }
    return fc.oneof(...branches.map((b) => fromSchema(b, fuzz, key)));
  }
  switch (typeOf(schema)) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return integerOf(schema);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, ...(schema.minimum !== undefined ? { min: schema.minimum } : {}), ...(schema.maximum !== undefined ? { max: schema.maximum } : {}) });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 4, min + 4);
      return fc.array(schema.items ? fromSchema(schema.items, fuzz, `${key}[]`) : fc.jsonValue({ maxDepth: 2 }), { minLength: min, maxLength: max });
    }
    case 'object':
      return objectOf(schema, fuzz, key);
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/**
 * Characters that well-formed text may still hold and that storage, rendering or logging may
 * choke on: NUL, lone surrogates, direction and zero-width marks, line separators, escapes.
 */
export const SPICE: readonly string[] = ['\u0000', '\u0000', '\u0000', '\ud800', '\ud800', '\udfff', '\udfff', '\u202e', '\ufeff', '\u2028', '\u0007', '\u001b', '\r\n', '\\', '"', "'", '<', '%', '\u00ad', '\u0301', '😀'];

/**
 * Mostly `base`, sometimes with one character of SPICE put in — only where the schema still
 * accepts it (length and pattern), so the input stays well formed and reaches the handler.
 */
function spiced(base: fc.Arbitrary<unknown>, schema: JsonSchema): fc.Arbitrary<unknown> {
  const pattern = schema.pattern !== undefined ? new RegExp(schema.pattern) : null;
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  const fits = (s: string) => s.length >= min && (max === undefined || s.length <= max) && (pattern === null || pattern.test(s));
  const withSpice = fc.tuple(base, fc.constantFrom(...SPICE), fc.nat(), fc.boolean()).map(([s, c, i, replace]) => {
    if (typeof s !== 'string' || s.startsWith(SENTINEL)) return s;
    const at = i % (s.length + 1);
    const out = s.slice(0, at) + c + s.slice(replace ? at + c.length : at);
    return fits(out) ? out : fits(c) ? c : s;
  });
  return fc.oneof({ weight: 2, arbitrary: base }, { weight: 1, arbitrary: withSpice });
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  if (schema.pattern) return matching(schema.pattern, min, max);
  if (schema.format === 'date') {
    return fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }
  const cap = Math.min(max ?? min + 48, min + 48);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: cap }) },
    { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: cap, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.constant('x'.repeat(max ?? Math.max(min, 200))) },
  );
}

function integerOf(schema: JsonSchema): fc.Arbitrary<number> {
  const lo = clamp32(schema.minimum ?? -1_000_000);
  const hi = clamp32(schema.maximum ?? 1_000_000);
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: lo, max: hi }) },
    { weight: 2, arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 10) }) },
    { weight: 1, arbitrary: fc.constantFrom(lo, hi) },
  );
}

function objectOf(schema: JsonSchema, fuzz: SchemaFuzz, key?: string): fc.Arbitrary<unknown> {
  const props = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of Object.entries(props)) model[name] = fromSchema(prop, fuzz, name);
  const requiredKeys = (schema.required ?? []).filter((k) => k in props);
  const record = fc.record(model, { requiredKeys });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') {
    // A record: keys from propertyNames (a mutated key may be any value: JSON keys are text).
    const names = schema.propertyNames ? fromSchema(schema.propertyNames, fuzz, `${key}.keys`).map((k) => String(k)) : fc.string({ maxLength: 12 });
    const dict = fc.array(fc.tuple(names, fromSchema(extra, fuzz, `${key}.values`)), { maxLength: 5 });
    return fc.tuple(record, dict).map(([r, entries]) => entries.reduce<unknown>((o, [k, v]) => withKey(o, k, v), r));
  }
  return record;
}

function mutation(schema: JsonSchema, good: fc.Arbitrary<unknown>, fuzz: SchemaFuzz, key?: string): fc.Arbitrary<unknown> {
  const options: fc.WeightedArbitrary<unknown>[] = [{ weight: 3, arbitrary: wrongValue }];
  const add = (weight: number, arbitrary: fc.Arbitrary<unknown>) => options.push({ weight, arbitrary });
  const type = typeOf(schema);
  if (type === 'string' || schema.pattern !== undefined) {
    add(3, fc.constantFrom(...ODD_STRINGS));
    add(3, fc.tuple(good, fc.constantFrom(...SUFFIXES), fc.boolean()).map(([v, s, front]) => (typeof v === 'string' ? (front ? s + v : v + s) : s)));
    if (schema.maxLength !== undefined) add(2, fc.constantFrom('x'.repeat(schema.maxLength + 1), 'é'.repeat(schema.maxLength + 1)));
    if (schema.minLength !== undefined && schema.minLength > 0) add(1, fc.constant('x'.repeat(schema.minLength - 1)));
    // Huge: past the frame limit (16 KiB), past a body limit (256 KiB), and between.
    add(1, fc.constantFrom(...(fuzz.huge ?? [5_000, 20_000, 70_000, 300_000])).map((n) => 'ä'.repeat(n)));
    add(1, good.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)));
  } else if (type === 'integer' || type === 'number') {
    const lo = schema.minimum ?? 0;
    const hi = schema.maximum ?? 2 ** 31;
    add(4, fc.constantFrom<unknown>(lo - 1, hi + 1, 0.5, lo + 0.5, -0, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 31) - 1, 2 ** 32, Number.MAX_VALUE, 5e-324));
    add(1, good.map((v) => String(v)));
  } else if (type === 'array') {
    const itemArb = schema.items ? fromSchema(schema.items, { ...fuzz, mutated: 0 }, `${key}[]`) : fc.constant(null);
    add(2, fc.constant([]));
    if (schema.maxItems !== undefined) add(1, fc.array(itemArb, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }));
    add(2, good.map((v) => (Array.isArray(v) ? [...v, ...v] : v)));
    add(1, good.map((v) => (Array.isArray(v) ? Object.fromEntries(v.map((x, i) => [String(i), x])) : v)));
  } else if (type === 'object') {
    add(
      3,
      fc
        .tuple(good, fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'type', '', '\u0000', 'x'.repeat(300)), fc.oneof(wrongValue, fc.constant({ polluted: true })))
        .map(([v, k, x]) => withKey(v, k, x)),
    );
    const required = schema.required ?? [];
    if (required.length > 0) {
      add(
        3,
        fc.tuple(good, fc.nat(required.length - 1)).map(([v, i]) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
          const copy = { ...(v as Record<string, unknown>) };
          delete copy[required[i] as string];
          return copy;
        }),
      );
    }
    add(1, good.map((v) => (v !== null && typeof v === 'object' ? [v] : v)));
  }
  return fc.oneof(...options);
}

const matchers = new Map<string, fc.Arbitrary<string>>();

/**
 * Strings matching a pattern. The patterns of the schemas are mostly one character class repeated
 * (`^[A-Za-z0-9_-]{8,64}$`) or a slug (`^[a-z0-9]+(?:-[a-z0-9]+)*$`): those are built directly,
 * which is many times faster than `fc.stringMatching`; any other pattern goes to it.
 */
function matching(pattern: string, min: number, max: number | undefined): fc.Arbitrary<string> {
  const key = `${pattern} ${min} ${max}`;
  const known = matchers.get(key);
  if (known) return known;
  let arb: fc.Arbitrary<string>;
  const repeated = /^\^\[([^\]^]+)\]\{(\d+)(?:,(\d+))?\}\$$/.exec(pattern);
  if (repeated) {
    const chars = expandClass(repeated[1] as string);
    const lo = Math.max(min, Number(repeated[2]));
    const hi = Math.min(max ?? Number.POSITIVE_INFINITY, repeated[3] !== undefined ? Number(repeated[3]) : Number(repeated[2]));
    arb = fc.string({ unit: fc.constantFrom(...chars), minLength: lo, maxLength: hi });
  } else if (pattern === '^[a-z0-9]+(?:-[a-z0-9]+)*$') {
    const part = fc.string({ unit: fc.constantFrom(...expandClass('a-z0-9')), minLength: 1, maxLength: 10 });
    arb = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('-')).filter((s) => s.length >= min && (max === undefined || s.length <= max));
  } else {
    arb = fc.stringMatching(new RegExp(pattern)).filter((s) => s.length >= min && (max === undefined || s.length <= max));
  }
  matchers.set(key, arb);
  return arb;
}

/** The characters of a regular-expression class body such as `A-Za-z0-9_-`. */
function expandClass(body: string): string[] {
  const chars: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    const next = body[i + 1];
    const end = body[i + 2];
    if (next === '-' && end !== undefined) {
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      i += 2;
    } else chars.push(c);
  }
  return chars;
}

/** Frames and bodies that are not what the other side expects: broken JSON, other top-level values, bytes. */
const RAW_TEXTS: readonly string[] = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '-1',
  '1e999',
  '"hello"',
  '[]',
  '{}',
  '[{"type":"ping"}]',
  '{"type":"ping"',
  '{"type":"ping"}}',
  "{'type':'ping'}",
  '{"type":"ping",}',
  '{"type":"ping"} {"type":"ping"}',
  '\ufeff{"type":"ping"}',
  '{"type":"ping"}\u0000',
  '{"type":"\u0000ping"}',
  '{"type":"ping","type":"hello"}',
  '{"__proto__":{"type":"ping"}}',
  '{"type":"ping","__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'NaN',
  'Infinity',
  'undefined',
  '/* comment */ {"type":"ping"}',
  '{"type":"ping"}//',
  '{"type":"command","commandId":"abcdefgh","command":',
  '{"type":"hello","protocol":1e400}',
  '{"type":"hello","protocol":-0}',
  '{"type":"\\ud800"}',
  '"\\u0000"',
  '\u0000binary',
];

export const rawText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...RAW_TEXTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 120 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 80, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, n]) => {
      const text = JSON.stringify(v) ?? '';
      return text.slice(0, n % (text.length + 1));
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 8000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 8000 }).map((n) => '{"a":'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 2500 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')) },
);

/** Raw bytes for an HTTP body. */
export const rawBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  rawText.map((t) => Buffer.from(t, 'utf8')),
  fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from([0xc3, 0x28]), Buffer.from('{"a":"\xed\xa0\x80"}', 'latin1'), Buffer.alloc(0)),
);

/**
 * Replaces sentinels (`§§name`) in a value, deepest first; `resolve` gets the name and the object
 * the value is a property of (e.g. a participant credential for its secret). Leaves deep
 * structures below `maxDepth` alone: sentinels are never put there.
 */
export function resolveDeep(value: unknown, resolve: (name: string, parent: Record<string, unknown> | null) => unknown, parent: Record<string, unknown> | null = null, depth = 0): unknown {
  if (typeof value === 'string') return value.startsWith(SENTINEL) ? resolve(value.slice(SENTINEL.length), parent) : value;
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, resolve, parent, depth + 1));
  const record = value as Record<string, unknown>;
  let out: unknown = record;
  for (const [k, v] of Object.entries(record)) {
    const resolved = resolveDeep(v, resolve, record, depth + 1);
    if (resolved !== v) out = withKey(out, k, resolved);
  }
  return out;
}

/** A reason or message a person can read: printable, one line, no stack trace. */
export function isPlainText(text: unknown, maxLength = 500): boolean {
  return typeof text === 'string' && text.length > 0 && text.length <= maxLength && !/[\u0000-\u001f\u007f]/.test(text) && !/\bat [^ ]+ \(.*:\d+:\d+\)/.test(text);
}
