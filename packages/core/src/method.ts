import { z } from 'zod';
import { BilingualText, Slug } from './text.ts';

/** The interaction primitives every method is built from (see docs/glossary.md). */
export const PRIMITIVES = ['info', 'cards', 'choice', 'scale', 'map', 'grid', 'note'] as const;
export const Primitive = z.enum(PRIMITIVES);
export type Primitive = z.infer<typeof Primitive>;

const Option = z.object({ id: Slug, label: BilingualText }).strict();
const Field = z.object({ id: Slug, label: BilingualText, hint: BilingualText.optional() }).strict();

const stepBase = {
  id: Slug,
  title: BilingualText,
  /** What participants are asked to do or consider. */
  prompt: BilingualText.optional(),
  /** Everybody at once, or each small group in its own workspace. */
  scope: z.enum(['plenary', 'group']).default('plenary'),
  /** Suggested time box in minutes; the facilitator may change it live. */
  timeboxMinutes: z.number().int().min(1).max(240).optional(),
  /** Anonymous steps store no author at all. */
  visibility: z.enum(['anonymous', 'named']).default('anonymous'),
  /** How the step appears in the generated report. */
  report: z.enum(['full', 'summary', 'omit']).default('full'),
};

const InfoStep = z.object({ ...stepBase, primitive: z.literal('info'), body: BilingualText.optional() }).strict();
const CardsStep = z
  .object({
    ...stepBase,
    primitive: z.literal('cards'),
    fields: z.array(Field).max(12).optional(),
    maxPerParticipant: z.number().int().min(1).max(50).optional(),
    reactions: z.boolean().default(true),
  })
  .strict();
const ChoiceStep = z
  .object({
    ...stepBase,
    primitive: z.literal('choice'),
    options: z.array(Option).min(2).max(4),
    allowReason: z.boolean().default(false),
    /** A dot vote: each participant picks up to this many different options. */
    dots: z.number().int().min(2).max(10).optional(),
    /** The id of an earlier choice step this one repeats, to measure opinion shift. */
    pairedWith: Slug.optional(),
  })
  .strict();
const ScaleItem = z
  .object({
    id: Slug,
    label: BilingualText,
    min: z.number().int().default(1),
    max: z.number().int().default(5),
    minLabel: BilingualText.optional(),
    maxLabel: BilingualText.optional(),
  })
  .strict()
  .refine((i) => i.max > i.min, { message: 'max must be greater than min' });
const ScaleStep = z
  .object({ ...stepBase, primitive: z.literal('scale'), items: z.array(ScaleItem).min(1).max(20) })
  .strict();
const MapStep = z
  .object({
    ...stepBase,
    primitive: z.literal('map'),
    fields: z.array(Field).min(1).max(12),
    weighted: z.boolean().default(true),
    tensions: z.boolean().default(true),
  })
  .strict();
const GridStep = z
  .object({
    ...stepBase,
    primitive: z.literal('grid'),
    columns: z.array(Field).min(1).max(6),
  })
  .strict();
const NoteStep = z
  .object({ ...stepBase, primitive: z.literal('note'), template: BilingualText.optional() })
  .strict();

export const StepTemplate = z.discriminatedUnion('primitive', [
  InfoStep,
  CardsStep,
  ChoiceStep,
  ScaleStep,
  MapStep,
  GridStep,
  NoteStep,
]);
export type StepTemplate = z.infer<typeof StepTemplate>;

export const RoundTemplate = z
  .object({
    id: Slug,
    title: BilingualText,
    purpose: BilingualText.optional(),
    steps: z.array(StepTemplate).min(1),
  })
  .strict();
export type RoundTemplate = z.infer<typeof RoundTemplate>;

export const MethodTemplate = z
  .object({
    id: Slug,
    version: z.number().int().min(1),
    name: BilingualText,
    summary: BilingualText,
    /** Where the method comes from (a publication, an organisation). */
    source: z.string().optional(),
    rounds: z.array(RoundTemplate).min(1),
  })
  .strict()
  .superRefine((method, ctx) => {
    const seen = new Map<string, StepTemplate>();
    for (const round of method.rounds) {
      for (const step of round.steps) {
        if (seen.has(step.id)) {
          ctx.addIssue({ code: 'custom', message: `step id "${step.id}" is used twice` });
        }
        if (step.primitive === 'choice' && step.pairedWith !== undefined) {
          const earlier = seen.get(step.pairedWith);
          if (!earlier || earlier.primitive !== 'choice') {
            ctx.addIssue({
              code: 'custom',
              message: `step "${step.id}" is paired with "${step.pairedWith}", which is not an earlier choice step`,
            });
          } else if (earlier.options.map((o) => o.id).join() !== step.options.map((o) => o.id).join()) {
            ctx.addIssue({ code: 'custom', message: `step "${step.id}" must offer the same options as "${step.pairedWith}"` });
          }
        }
        seen.set(step.id, step);
      }
      const roundIds = method.rounds.filter((r) => r.id === round.id).length;
      if (roundIds > 1) ctx.addIssue({ code: 'custom', message: `round id "${round.id}" is used twice` });
    }
  });
export type MethodTemplate = z.infer<typeof MethodTemplate>;

/** Validates method data read from a content file; throws a readable error naming the file. */
export function parseMethod(data: unknown, source = 'method'): MethodTemplate {
  const result = MethodTemplate.safeParse(data);
  if (!result.success) {
    throw new Error(`${source} is not a valid method template:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
