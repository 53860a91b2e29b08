import { z } from 'zod';
import { MeetingSpec } from './domain.ts';
import { RoundTemplate } from './method.ts';
import { BilingualText, Slug } from './text.ts';

const At = z.iso.datetime();

export const MethodRef = z.object({ id: Slug, version: z.number().int(), name: BilingualText }).strict();
export type MethodRef = z.infer<typeof MethodRef>;

export const MeetingCreated = z
  .object({
    type: z.literal('MeetingCreated'),
    at: At,
    meetingId: z.string().min(1),
    spec: MeetingSpec,
    method: MethodRef,
    /** The rounds and steps copied from the method template when the meeting was made. */
    agenda: z.array(RoundTemplate).min(1),
  })
  .strict();
export const MeetingOpened = z.object({ type: z.literal('MeetingOpened'), at: At }).strict();
export const MeetingStarted = z.object({ type: z.literal('MeetingStarted'), at: At, stepId: Slug }).strict();
export const StepActivated = z.object({ type: z.literal('StepActivated'), at: At, stepId: Slug }).strict();
export const MeetingClosed = z.object({ type: z.literal('MeetingClosed'), at: At }).strict();
export const MeetingReported = z.object({ type: z.literal('MeetingReported'), at: At }).strict();
export const ParticipantJoined = z
  .object({
    type: z.literal('ParticipantJoined'),
    at: At,
    participantId: z.string().min(1).max(64),
    displayName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

/** Everything that can happen to a meeting. Stored in order in the meeting's event log. */
export const MeetingEvent = z.discriminatedUnion('type', [
  MeetingCreated,
  MeetingOpened,
  MeetingStarted,
  StepActivated,
  MeetingClosed,
  MeetingReported,
  ParticipantJoined,
]);
export type MeetingEvent = z.infer<typeof MeetingEvent>;
export type MeetingEventType = MeetingEvent['type'];
