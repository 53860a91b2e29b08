import { z } from 'zod';

/** The interface languages, Dutch first. */
export const LANGUAGES = ['nl', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

const nonEmpty = z.string().trim().min(1);

/**
 * Text written by people (a meeting title, a central question). It may exist in one
 * language only; at least one must be present.
 */
export const LocalizedText = z
  .object({ nl: nonEmpty.optional(), en: nonEmpty.optional() })
  .strict()
  .refine((t) => t.nl !== undefined || t.en !== undefined, {
    message: 'at least one language is required',
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Text shipped with the product (methods, starter cases): complete in both languages. */
export const BilingualText = z.object({ nl: nonEmpty, en: nonEmpty }).strict();
export type BilingualText = z.infer<typeof BilingualText>;


/** A stable identifier written in content files: lowercase words joined by dashes. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes')
  .max(80);

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether any string in a parsed JSON value (keys included) holds text no database column can keep
 * as typed: a NUL character or a lone surrogate. Such input is refused at the edge, never stored.
 * Walks without recursion, so a deeply nested body cannot overflow the stack.
 */
export function hasUnstorableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) return true;
    } else if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        if (UNSTORABLE.test(key)) return true;
        stack.push(element);
      }
    }
  }
  return false;
}
