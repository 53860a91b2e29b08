import { z } from 'zod';
import { MeetingSpec } from './domain.ts';
import { MethodTemplate } from './method.ts';
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
]);
export type LiveCommand = z.infer<typeof LiveCommand>;

/** Every command the meeting core decides on. */
export const MeetingCommand = z.discriminatedUnion('type', [CreateMeeting, ...LiveCommand.options]);
export type MeetingCommand = z.infer<typeof MeetingCommand>;
export type MeetingCommandType = MeetingCommand['type'];
