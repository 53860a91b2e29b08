import { z } from 'zod';
import { Case, MeetingSpec, Programme } from './domain.ts';
import { MethodRef } from './events.ts';
import { RoundTemplate } from './method.ts';
import { MEETING_STATUSES } from './state.ts';
import { BilingualText, LocalizedText, Slug } from './text.ts';

/**
 * Shapes of the read-only HTTP API (JSON) that the web client shows. The server builds
 * them; the client parses them with these schemas.
 */
export const MeetingSummary = z.object({
  id: z.string(),
  status: z.enum(MEETING_STATUSES),
  spec: MeetingSpec,
  method: MethodRef,
  participantCount: z.number().int().min(0),
  roundCount: z.number().int().min(0),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const ProgrammeListResponse = z.object({
  programmes: z.array(
    z.object({ programme: Programme, meetingCount: z.number().int().min(0), nextMeeting: MeetingSummary.nullable() }),
  ),
  caseCount: z.number().int().min(0),
});
export type ProgrammeListResponse = z.infer<typeof ProgrammeListResponse>;

/** An agreement made in a meeting, owned by a role (never a name), to come back to by a date. */
export const FollowUp = z.object({
  id: z.string(),
  meetingId: z.string(),
  text: z.string(),
  ownerRole: z.string(),
  reviewDate: z.string().nullable(),
  status: z.enum(['open', 'done']),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const ProgrammeResponse = z.object({ programme: Programme, meetings: z.array(MeetingSummary), followUps: z.array(FollowUp) });
export type ProgrammeResponse = z.infer<typeof ProgrammeResponse>;

/*
 * What `GET /api/programmes/:id/trends?lang=` answers: the trends of the programme's held meetings
 * (the server's trends.ts, rules PG-1 … PG-6) and the lesson themes it suggests (lesson-themes.ts,
 * PG-7 … PG-9). Plain types, as the server builds them; every sentence (`text`) is already in the
 * asked language, in the report's words.
 */

/** A held meeting as the trends name it. */
export interface TrendsMeeting {
  readonly meetingId: string;
  readonly date: string | null;
  /** The date as the report writes it ("23 januari 2014"). */
  readonly dateText: string;
  readonly title: string;
  readonly status: (typeof MEETING_STATUSES)[number];
}

/** One meeting's evaluation: how many answered and, from k answers, the average mark. */
export interface TrendsEvaluation extends TrendsMeeting {
  /** Null when the meeting had no evaluation step. */
  readonly stepId: string | null;
  readonly respondents: number;
  /** False below k answers: then there is no mark. */
  readonly shown: boolean;
  readonly mark: number | null;
  /** "8,1" in Dutch, "8.1" in English. */
  readonly markText: string | null;
  readonly items: readonly { readonly itemId: string; readonly label: string; readonly n: number; readonly mean: number; readonly meanText: string; readonly min: number; readonly max: number }[];
  readonly text: string;
}

/** How often a pair of fields of responsibility was named as clashing, and in which meetings. */
export interface TrendsTensionCell {
  readonly count: number;
  readonly meetings: readonly { readonly meetingId: string; readonly count: number }[];
}

export interface TrendsTensions {
  readonly fields: readonly { readonly id: string; readonly label: string }[];
  /** cells[i][j]: fields[i] against fields[j]; symmetric. */
  readonly cells: readonly (readonly TrendsTensionCell[])[];
  /** The pairs named at least once, the most frequent first, each with the report's sentence. */
  readonly pairs: readonly (TrendsTensionCell & { readonly a: string; readonly b: string; readonly text: string })[];
  /** Map steps below k: they add nothing, only how many answered. */
  readonly hidden: readonly { readonly meetingId: string; readonly stepId: string; readonly total: number; readonly text: string }[];
}

/** The opinion shift of one paired choice step: the whole step (groupId null) or one group's part. */
export interface TrendsShift {
  readonly meetingId: string;
  readonly stepId: string;
  readonly stepTitle: string;
  readonly caseId: string | null;
  readonly groupId: string | null;
  readonly shift: import('./results.ts').Gated<import('./results.ts').Shift>;
  readonly text: string;
}

export interface TrendsCase {
  readonly caseId: string;
  readonly title: string;
  readonly meetingIds: readonly string[];
  readonly meetings: number;
  readonly shifts: readonly TrendsShift[];
}

export interface ProgrammeTrendsData {
  readonly lang: 'nl' | 'en';
  readonly meetings: readonly TrendsMeeting[];
  readonly evaluation: readonly TrendsEvaluation[];
  readonly tensions: TrendsTensions;
  readonly cases: { readonly used: readonly TrendsCase[]; readonly shifts: readonly TrendsShift[] };
  readonly lessonTexts: readonly (TrendsMeeting & { readonly lessons: readonly { readonly lessonId: string; readonly title: string; readonly text: string }[] })[];
}

/** A theme the software suggests from the lessons; a person confirms it (PG-17). */
export interface LessonThemeSuggestion {
  readonly stem: string;
  /** The most frequent word of the stem as written ("verantwoordelijkheid"). */
  readonly label: string;
  readonly score: number;
  readonly meetingIds: readonly string[];
  readonly lessons: readonly number[];
  readonly words: readonly string[];
  /** Comes back in two or more meetings. */
  readonly recurring: boolean;
}

export interface ProgrammeTrendsResponse {
  readonly trends: ProgrammeTrendsData;
  readonly themeSuggestions: readonly LessonThemeSuggestion[];
  readonly confirmedThemes: readonly string[];
}

export const MeetingResponse = z.object({ meeting: MeetingSummary, agenda: z.array(RoundTemplate) });
export type MeetingResponse = z.infer<typeof MeetingResponse>;

/** Cases found, and the themes and target groups the published library offers as filters. */
export const CaseListResponse = z.object({ cases: z.array(Case), facets: z.object({ themes: z.array(z.string()), targetGroups: z.array(z.string()) }) });
export type CaseListResponse = z.infer<typeof CaseListResponse>;

export const CaseResponse = z.object({ case: Case });
export type CaseResponse = z.infer<typeof CaseResponse>;

export const MethodListResponse = z.object({
  methods: z.array(
    z.object({
      id: Slug,
      version: z.number().int(),
      name: BilingualText,
      summary: BilingualText,
      rounds: z.array(z.object({ id: Slug, title: BilingualText, stepCount: z.number().int() })),
    }),
  ),
});
export type MethodListResponse = z.infer<typeof MethodListResponse>;

/** The answer to POST /api/join: where the code leads. */
export const JoinResponse = z.object({
  meetingId: z.string(),
  title: LocalizedText,
  status: z.enum(['open', 'running']),
  locked: z.boolean(),
  /** So a participant who came by the link's token can still join over the live connection. */
  joinCode: z.string(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

/** Every error the HTTP API returns has this shape, with a 4xx or 5xx status. */
export const ApiError = z.object({ error: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** The programme export format: a programme with its meetings' event logs and the cases they use. */
export const ProgrammeExport = z.object({
  format: z.literal('goedwerk-programme'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  programme: Programme,
  cases: z.array(Case),
  meetings: z.array(z.object({ id: z.string(), events: z.array(z.object({ seq: z.number().int(), event: z.unknown() })) })),
});
export type ProgrammeExport = z.infer<typeof ProgrammeExport>;

/** A programme file under content/programmes: the programme and the meetings to prepare in it. */
export const ProgrammeContent = z
  .object({
    programme: Programme,
    meetings: z.array(
      z
        .object({
          id: Slug,
          /** The lifecycle status the demo brings the meeting to after creating it. */
          status: z.enum(['draft', 'open']).default('open'),
          spec: MeetingSpec,
        })
        .strict(),
    ),
  })
  .strict();
export type ProgrammeContent = z.infer<typeof ProgrammeContent>;
