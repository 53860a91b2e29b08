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

export const ProgrammeResponse = z.object({ programme: Programme, meetings: z.array(MeetingSummary) });
export type ProgrammeResponse = z.infer<typeof ProgrammeResponse>;

export const MeetingResponse = z.object({ meeting: MeetingSummary, agenda: z.array(RoundTemplate) });
export type MeetingResponse = z.infer<typeof MeetingResponse>;

export const CaseListResponse = z.object({ cases: z.array(Case) });
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
