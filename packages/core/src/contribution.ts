import { z } from 'zod';
import { Slug } from './text.ts';

const Weight = z.number().int().min(1).max(5);
const EntryId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);

/** One responsibility on a participant's map: a field, a short text and how heavily it weighs (1–5). */
export const MapEntry = z.object({ id: EntryId, fieldId: Slug, text: z.string().trim().min(1).max(200), weight: Weight }).strict();
export type MapEntry = z.infer<typeof MapEntry>;

/** What a participant (or the facilitator on someone's behalf) puts into a step. */
export const ContributionPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), optionId: Slug, reason: z.string().trim().min(1).max(500).optional() }).strict(),
  /** A dot vote: up to the step's number of dots, on different options. */
  z.object({ kind: z.literal('dots'), optionIds: z.array(Slug).min(1).max(10) }).strict(),
  /** A responsibility map: entries in fields, and tensions between two of one's own entries. */
  z
    .object({
      kind: z.literal('map'),
      entries: z.array(MapEntry).min(1).max(24),
      tensions: z.array(z.object({ a: EntryId, b: EntryId }).strict()).max(6),
    })
    .strict(),
  /** A group's grid: rows of cells, one per column of the step (perspectives, values, norms). */
  z
    .object({ kind: z.literal('grid'), rows: z.array(z.record(Slug, z.string().max(500))).min(1).max(20) })
    .strict(),
  z.object({ kind: z.literal('card'), text: z.string().trim().min(1).max(500), fieldId: Slug.optional() }).strict(),
  z.object({ kind: z.literal('note'), text: z.string().max(5000) }).strict(),
  z
    .object({ kind: z.literal('scale'), values: z.record(Slug, z.number().int().min(-100).max(100)) })
    .strict(),
]);
export type ContributionPayload = z.infer<typeof ContributionPayload>;

/** A contribution as kept in the meeting state. An anonymous step stores no author at all. */
export interface Contribution {
  readonly id: string;
  readonly stepId: string;
  readonly groupId?: string;
  /** Present only for steps marked `named`. */
  readonly authorId?: string;
  /** Entered by the facilitator for someone without a device. */
  readonly proxy: boolean;
  readonly at: string;
  /** Null where the viewer may count the contribution but not read it (results not revealed). */
  readonly payload: ContributionPayload | null;
}
