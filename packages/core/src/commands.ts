import { z } from 'zod';
import { ContributionPayload } from './contribution.ts';
import { MeetingSpec } from './domain.ts';
import { MethodTemplate, RoundTemplate } from './method.ts';
import { Slug } from './text.ts';

/** Made by the server or the CLI when a facilitator prepares a meeting; carries the resolved method. */
export const CreateMeeting = z
  .object({ type: z.literal('CreateMeeting'), spec: MeetingSpec, method: MethodTemplate })
  .strict();

const simple = <T extends string>(type: T) => z.object({ type: z.literal(type) }).strict();

export const OpenMeeting = simple('OpenMeeting');
export const StartMeeting = simple('StartMeeting');
export const NextStep = simple('NextStep');
export const PreviousStep = simple('PreviousStep');
export const GoToStep = z.object({ type: z.literal('GoToStep'), stepId: Slug }).strict();
export const CloseMeeting = simple('CloseMeeting');
export const MarkReported = simple('MarkReported');
export const JoinMeeting = z
  .object({
    type: z.literal('JoinMeeting'),
    /** Joining means agreeing to the confidentiality rule; there is no other way in. */
    acceptConfidentiality: z.literal(true),
    displayName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const Seconds = z.number().int().min(1).max(4 * 3600);

export const LockMeeting = simple('LockMeeting');
export const UnlockMeeting = simple('UnlockMeeting');
export const RemoveParticipant = z.object({ type: z.literal('RemoveParticipant'), participantId: ClientId }).strict();
export const StartTimer = z.object({ type: z.literal('StartTimer'), seconds: Seconds }).strict();
export const PauseTimer = simple('PauseTimer');
export const ResumeTimer = simple('ResumeTimer');
export const ExtendTimer = z.object({ type: z.literal('ExtendTimer'), seconds: Seconds }).strict();
export const ClearTimer = simple('ClearTimer');
export const OpenInput = z.object({ type: z.literal('OpenInput'), stepId: Slug }).strict();
export const CloseInput = z.object({ type: z.literal('CloseInput'), stepId: Slug }).strict();
export const RevealResults = z.object({ type: z.literal('RevealResults'), stepId: Slug }).strict();
export const HideResults = z.object({ type: z.literal('HideResults'), stepId: Slug }).strict();
export const SubmitContribution = z
  .object({
    type: z.literal('SubmitContribution'),
    stepId: Slug,
    /** Made by the client; sending the same id again replaces the earlier version. */
    contributionId: ClientId,
    payload: ContributionPayload,
    /** Facilitator only: entered on behalf of someone without a device, for this group if any. */
    proxy: z.boolean().optional(),
    groupId: Slug.optional(),
  })
  .strict();
export const GroupInput = z
  .object({
    id: Slug,
    name: z.string().trim().min(1).max(60),
    memberIds: z.array(ClientId).max(200),
    caseId: Slug.optional(),
  })
  .strict();
export const FormGroups = z.object({ type: z.literal('FormGroups'), groups: z.array(GroupInput).min(1).max(100) }).strict();
export const ClearGroups = simple('ClearGroups');
export const SetScribe = z
  .object({ type: z.literal('SetScribe'), groupId: Slug, participantId: ClientId.nullable() })
  .strict();

/** Hands a group the two horns of its dilemma (e.g. a tension from the map), or clears them. */
export const SetGroupDilemma = z
  .object({
    type: z.literal('SetGroupDilemma'),
    groupId: Slug,
    dilemma: z.object({ hornA: z.string().trim().min(1).max(200), hornB: z.string().trim().min(1).max(200) }).strict().nullable(),
  })
  .strict();
export const React = z
  .object({
    type: z.literal('React'),
    stepId: Slug,
    /** Made by the client, one per card it reacts to; sending it again changes nothing. */
    reactionId: ClientId,
    /** The card's id as the sender sees it (participants see aliases). */
    targetId: z.string().min(1).max(64),
  })
  .strict();
export const WithdrawReaction = z.object({ type: z.literal('WithdrawReaction'), stepId: Slug, reactionId: ClientId }).strict();
export const ClusterInput = z
  .object({ id: Slug, title: z.string().trim().min(1).max(120), contributionIds: z.array(z.string().min(1).max(64)).max(200) })
  .strict();
export const ClusterCards = z.object({ type: z.literal('ClusterCards'), stepId: Slug, clusters: z.array(ClusterInput).max(50) }).strict();
export const LessonInput = z
  .object({
    id: Slug,
    title: z.string().trim().min(1).max(160),
    text: z.string().trim().max(2000),
    stepId: Slug.optional(),
    sourceIds: z.array(z.string().min(1).max(64)).max(200).default([]),
  })
  .strict();
export const HarvestLesson = z.object({ type: z.literal('HarvestLesson'), lesson: LessonInput }).strict();
export const RemoveLesson = z.object({ type: z.literal('RemoveLesson'), lessonId: Slug }).strict();
const Bilingual = z.object({ nl: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) }).strict();
export const EditStep = z
  .object({
    type: z.literal('EditStep'),
    stepId: Slug,
    changes: z
      .object({
        title: Bilingual.optional(),
        prompt: Bilingual.optional(),
        timeboxMinutes: z.number().int().min(1).max(240).optional(),
        /** The fields of a map or cards step (e.g. the responsibility map's eight fields). */
        fields: z.array(z.object({ id: Slug, label: Bilingual }).strict()).min(1).max(12).optional(),
      })
      .strict(),
  })
  .strict();
export const AddRound = z.object({ type: z.literal('AddRound'), round: RoundTemplate, index: z.number().int().min(0).optional() }).strict();
export const RemoveRound = z.object({ type: z.literal('RemoveRound'), roundId: Slug }).strict();

/** Commands a client may send over the live connection. */
export const LiveCommand = z.discriminatedUnion('type', [
  OpenMeeting,
  StartMeeting,
  NextStep,
  PreviousStep,
  GoToStep,
  CloseMeeting,
  MarkReported,
  JoinMeeting,
  LockMeeting,
  UnlockMeeting,
  RemoveParticipant,
  StartTimer,
  PauseTimer,
  ResumeTimer,
  ExtendTimer,
  ClearTimer,
  OpenInput,
  CloseInput,
  RevealResults,
  HideResults,
  SubmitContribution,
  FormGroups,
  ClearGroups,
  SetScribe,
  SetGroupDilemma,
  React,
  WithdrawReaction,
  ClusterCards,
  HarvestLesson,
  RemoveLesson,
  EditStep,
  AddRound,
  RemoveRound,
]);
export type LiveCommand = z.infer<typeof LiveCommand>;

/** Every command the meeting core decides on. */
export const MeetingCommand = z.discriminatedUnion('type', [CreateMeeting, ...LiveCommand.options]);
export type MeetingCommand = z.infer<typeof MeetingCommand>;
export type MeetingCommandType = MeetingCommand['type'];
