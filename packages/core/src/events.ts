import { z } from 'zod';
import { ContributionPayload } from './contribution.ts';
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
/** Opening gives the meeting its join code (8 characters) and the long token of its join link. */
export const MeetingOpened = z
  .object({
    type: z.literal('MeetingOpened'),
    at: At,
    joinCode: z.string().regex(/^[A-HJKMNP-Z2-9]{8}$/),
    joinToken: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/),
  })
  .strict();
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

const Id = z.string().min(1).max(64);
export const MeetingLocked = z.object({ type: z.literal('MeetingLocked'), at: At }).strict();
export const MeetingUnlocked = z.object({ type: z.literal('MeetingUnlocked'), at: At }).strict();
export const ParticipantRemoved = z.object({ type: z.literal('ParticipantRemoved'), at: At, participantId: Id }).strict();
export const TimerState = z
  .object({
    /** Absolute end time while running; null while paused. */
    endsAt: At.nullable(),
    /** What is left while paused; null while running. */
    remainingMs: z.number().int().min(0).nullable(),
    durationMs: z.number().int().min(0),
  })
  .strict();
export type TimerState = z.infer<typeof TimerState>;
/** Every timer change: started, paused, resumed, extended or cleared (null). */
export const TimerSet = z.object({ type: z.literal('TimerSet'), at: At, timer: TimerState.nullable() }).strict();
export const InputOpened = z.object({ type: z.literal('InputOpened'), at: At, stepId: Slug }).strict();
export const InputClosed = z.object({ type: z.literal('InputClosed'), at: At, stepId: Slug }).strict();
export const ResultsRevealed = z.object({ type: z.literal('ResultsRevealed'), at: At, stepId: Slug }).strict();
export const ResultsHidden = z.object({ type: z.literal('ResultsHidden'), at: At, stepId: Slug }).strict();
export const ContributionSubmitted = z
  .object({
    type: z.literal('ContributionSubmitted'),
    at: At,
    stepId: Slug,
    contributionId: Id,
    groupId: Slug.optional(),
    /** Only for named steps; anonymous steps never carry an author. */
    authorId: Id.optional(),
    proxy: z.boolean(),
    /** Null in views that may count but not read it. */
    payload: ContributionPayload.nullable(),
  })
  .strict();
/** The two horns of a group's dilemma, e.g. carried over from a tension on the responsibility map. */
export const GroupDilemma = z.object({ hornA: z.string().trim().min(1).max(200), hornB: z.string().trim().min(1).max(200) }).strict();
export const GroupSchema = z
  .object({
    id: Slug,
    name: z.string().min(1).max(60),
    memberIds: z.array(Id),
    caseId: Slug.optional(),
    scribeId: Id.optional(),
    dilemma: GroupDilemma.optional(),
  })
  .strict();
export type Group = z.infer<typeof GroupSchema>;
export const GroupsFormed = z.object({ type: z.literal('GroupsFormed'), at: At, groups: z.array(GroupSchema) }).strict();
export const GroupsCleared = z.object({ type: z.literal('GroupsCleared'), at: At }).strict();
export const GroupDilemmaSet = z
  .object({ type: z.literal('GroupDilemmaSet'), at: At, groupId: Slug, dilemma: GroupDilemma.nullable() })
  .strict();
export const ScribeSet = z
  .object({ type: z.literal('ScribeSet'), at: At, groupId: Slug, participantId: Id.nullable() })
  .strict();

export const ReactionAdded = z
  .object({ type: z.literal('ReactionAdded'), at: At, stepId: Slug, reactionId: Id, targetId: Id })
  .strict();
export const ReactionWithdrawn = z.object({ type: z.literal('ReactionWithdrawn'), at: At, stepId: Slug, reactionId: Id }).strict();
export const ClusterSchema = z.object({ id: Slug, title: z.string().min(1).max(120), contributionIds: z.array(Id) }).strict();
export type Cluster = z.infer<typeof ClusterSchema>;
export const CardsClustered = z.object({ type: z.literal('CardsClustered'), at: At, stepId: Slug, clusters: z.array(ClusterSchema) }).strict();
export const LessonSchema = z
  .object({ id: Slug, title: z.string().min(1).max(160), text: z.string().max(2000), stepId: Slug.optional(), sourceIds: z.array(Id) })
  .strict();
export type Lesson = z.infer<typeof LessonSchema>;
export const LessonHarvested = z.object({ type: z.literal('LessonHarvested'), at: At, lesson: LessonSchema }).strict();
export const LessonRemoved = z.object({ type: z.literal('LessonRemoved'), at: At, lessonId: Slug }).strict();
export const StepEdited = z
  .object({
    type: z.literal('StepEdited'),
    at: At,
    stepId: Slug,
    changes: z
      .object({
        title: BilingualText.optional(),
        prompt: BilingualText.optional(),
        timeboxMinutes: z.number().int().optional(),
        fields: z.array(z.object({ id: Slug, label: BilingualText }).strict()).optional(),
      })
      .strict(),
  })
  .strict();
export const RoundAdded = z.object({ type: z.literal('RoundAdded'), at: At, round: RoundTemplate, index: z.number().int().min(0) }).strict();
export const RoundRemoved = z.object({ type: z.literal('RoundRemoved'), at: At, roundId: Slug }).strict();

/** Everything that can happen to a meeting. Stored in order in the meeting's event log. */
export const MeetingEvent = z.discriminatedUnion('type', [
  MeetingCreated,
  MeetingOpened,
  MeetingStarted,
  StepActivated,
  MeetingClosed,
  MeetingReported,
  ParticipantJoined,
  MeetingLocked,
  MeetingUnlocked,
  ParticipantRemoved,
  TimerSet,
  InputOpened,
  InputClosed,
  ResultsRevealed,
  ResultsHidden,
  ContributionSubmitted,
  GroupsFormed,
  GroupsCleared,
  ScribeSet,
  GroupDilemmaSet,
  ReactionAdded,
  ReactionWithdrawn,
  CardsClustered,
  LessonHarvested,
  LessonRemoved,
  StepEdited,
  RoundAdded,
  RoundRemoved,
]);
export type MeetingEvent = z.infer<typeof MeetingEvent>;
export type MeetingEventType = MeetingEvent['type'];
