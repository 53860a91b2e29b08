import { z } from 'zod';
import { BilingualText, LocalizedText, Slug } from './text.ts';

/** A series of meetings around one theme (routekaart). */
export const Programme = z
  .object({
    id: Slug,
    title: LocalizedText,
    theme: LocalizedText.optional(),
    description: LocalizedText.optional(),
    /** The organisation that runs the programme. */
    organiser: z.string().trim().min(1).max(200).optional(),
    /** Who makes the programme possible (a funder, a ministry programme). */
    supportedBy: LocalizedText.optional(),
    /** A web address: only http(s), so a link can never run script. */
    website: z.url({ protocol: /^https?$/ }).optional(),
    /** Where the meetings usually take place. */
    place: z.string().trim().min(1).max(200).optional(),
    /** Themes of the harvested lessons across meetings, as confirmed by a person (suggested by the software). */
    confirmedThemes: z.array(z.string().trim().min(1).max(80)).max(30).optional(),
  })
  .strict();
export type Programme = z.infer<typeof Programme>;

/** Submitted → published by a reviewer (or sent back to draft); archived cases leave the library. */
export const CASE_STATUSES = ['draft', 'submitted', 'published', 'archived'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CONSENT_STATES = ['not_needed', 'asked', 'given', 'refused'] as const;
export const ANONYMISATION_STATES = ['to_check', 'checked'] as const;

/**
 * A case in the library (casus): a dilemma from practice, described with the fields of the
 * seed report. The title is phrased as a tension. Starter cases are complete in nl and en.
 */
export const Case = z
  .object({
    id: Slug,
    title: LocalizedText,
    /** The two horns of the dilemma: responsibility A against responsibility B. */
    hornA: LocalizedText.optional(),
    hornB: LocalizedText.optional(),
    situation: LocalizedText,
    action: LocalizedText.optional(),
    consequence: LocalizedText.optional(),
    hindsight: LocalizedText.optional(),
    /** A criterion that helps decide, such as the publicity test (toets der openheid). */
    criterion: LocalizedText.optional(),
    publicityTest: z.boolean().default(false),
    themes: z.array(Slug).max(12).default([]),
    /** Where the case comes from, without naming people. */
    source: LocalizedText.optional(),
    /** Whom the case suits (leidinggevenden, uitvoering, …), as slugs to filter on. */
    targetGroups: z.array(Slug).max(8).default([]),
    /** Questions that open the conversation about the case. */
    prompts: z.array(LocalizedText).max(10).default([]),
    /** The meeting a case came from, if it was written from one (the report names no one). */
    sourceMeetingId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/).optional(),
    /** Whether the person whose dilemma it is agreed to its use in the library. */
    consent: z.enum(CONSENT_STATES).default('not_needed'),
    /** Whether names, places and details that identify someone have been taken out. */
    anonymisation: z.enum(ANONYMISATION_STATES).default('checked'),
    /** Where the case stands: only `published` cases are in the library for everyone. */
    status: z.enum(CASE_STATUSES).default('published'),
  })
  .strict();
export type Case = z.infer<typeof Case>;

/** A case as typed or submitted: the same fields, its status and id set by the server. */
export const CaseDraft = Case.omit({ id: true, status: true }).extend({ id: Slug.optional() });
export type CaseDraft = z.infer<typeof CaseDraft>;

/** The languages a case is written in: those of its title (a case may have both). */
export function caseLanguages(c: Pick<Case, 'title'>): ('nl' | 'en')[] {
  return (['nl', 'en'] as const).filter((l) => c.title[l] !== undefined);
}

export const StarterCase = Case.extend({
  title: BilingualText,
  situation: BilingualText,
  hornA: BilingualText.optional(),
  hornB: BilingualText.optional(),
  action: BilingualText.optional(),
  consequence: BilingualText.optional(),
  hindsight: BilingualText.optional(),
  criterion: BilingualText.optional(),
  source: BilingualText.optional(),
  prompts: z.array(BilingualText).max(10).default([]),
});

export const Facilitator = z
  .object({ name: z.string().trim().min(1).max(120), role: LocalizedText.optional() })
  .strict();
export type Facilitator = z.infer<typeof Facilitator>;

const IsoDate = z.iso.date();

/** What a facilitator sets when preparing a meeting (bijeenkomst). */
export const MeetingSpec = z
  .object({
    programmeId: Slug.optional(),
    methodId: Slug,
    title: LocalizedText,
    subtitle: LocalizedText.optional(),
    date: IsoDate.optional(),
    location: z.string().trim().min(1).max(200).optional(),
    audience: LocalizedText.optional(),
    facilitators: z.array(Facilitator).max(10).default([]),
    centralQuestions: z.array(LocalizedText).max(10).default([]),
    caseIds: z.array(Slug).max(50).default([]),
    /** Fewest answers for which a distribution is shown: 3 by default, 3–5. */
    kThreshold: z.number().int().min(3).max(5).optional(),
    /** An anonymous meeting stores no participant's name at all, not even for the facilitator. */
    anonymous: z.boolean().optional(),
    /** The language the meeting is held in, and so its report: Dutch unless set. */
    language: z.enum(['nl', 'en']).optional(),
  })
  .strict();
export type MeetingSpec = z.infer<typeof MeetingSpec>;
