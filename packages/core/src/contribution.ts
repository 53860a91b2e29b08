import { z } from 'zod';
import { Slug } from './text.ts';

/** What a participant (or the facilitator on someone's behalf) puts into a step. */
export const ContributionPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), optionId: Slug, reason: z.string().trim().min(1).max(500).optional() }).strict(),
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
