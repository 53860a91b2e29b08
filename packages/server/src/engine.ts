import {
  type Actor,
  type DomainError,
  decide,
  domainError,
  evolve,
  type MeetingCommand,
  type MeetingEvent,
  type MeetingSpec,
  type MeetingState,
  type MethodTemplate,
  mayCommand,
} from '@goedwerk/core';
import type { Bus } from '@goedwerk/bus';
import type { CommitDecision, MeetingMeta, MeetingSecrets, SequencedRecord, Store, StoredMeeting } from '@goedwerk/store';
import { errorKind } from './logging.ts';
import { contributionAlias, hashToken, newJoinCode, newMeetingId, newToken } from './secrets.ts';

export type Outcome =
  | { readonly kind: 'committed'; readonly seq: number; readonly events: readonly SequencedRecord<MeetingEvent>[] }
  | { readonly kind: 'duplicate'; readonly seq: number }
  | { readonly kind: 'rejected'; readonly error: DomainError };

export interface ExecuteRequest {
  readonly meetingId: string;
  readonly commandId: string;
  readonly command: MeetingCommand;
  readonly actor: Actor;
}

/** The bus channel on which a node announces a meeting's new sequence number. */
export const meetingChannel = (meetingId: string) => `meeting:${meetingId}`;

function metaOf(state: MeetingState): MeetingMeta {
  const joinable = state.status === 'open' || state.status === 'running';
  return {
    programmeId: state.spec.programmeId ?? null,
    status: state.status,
    date: state.spec.date ?? null,
    // A closed meeting gives its code back: it no longer leads anywhere.
    joinCode: joinable ? state.joinCode : null,
    joinToken: joinable ? state.joinToken : null,
  };
}

/**
 * Runs commands: authorize by the policy table, decide on the committed snapshot inside the
 * store's transaction, commit, and only then publish (or, on PostgreSQL NOTIFY, notify as part of
 * the commit). The one path every change takes.
 */
export class MeetingEngine {
  constructor(
    readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute({ meetingId, commandId, command, actor }: ExecuteRequest, secrets?: MeetingSecrets): Promise<Outcome> {
    if (!mayCommand(actor, command.type)) {
      return { kind: 'rejected', error: domainError('forbidden', `${actor.role} may not ${command.type}`) };
    }
    const now = this.clock().toISOString();
    const channel = meetingChannel(meetingId);
    // [BUS-9] On PostgreSQL NOTIFY over the store's own database, the notification is part of the commit.
    const inCommit = this.bus.commitChannel?.(channel);
    const result = await this.store.commit<MeetingState, MeetingEvent>({
      meetingId,
      commandId,
      ...(inCommit === undefined ? {} : { notify: { channel: inCommit, message: (seq: number) => String(seq) } }),
      decide: (current: StoredMeeting<MeetingState> | null): CommitDecision<MeetingState, MeetingEvent> => {
        const before = current?.state ?? null;
        const newId = (kind: 'joinCode' | 'joinToken') => (kind === 'joinCode' ? newJoinCode() : newToken().slice(0, 32));
        const alias = (id: string) => contributionAlias(meetingId, id);
        const decision = decide(before, command, { now, actor, newId, alias }, meetingId);
        if (!decision.ok) return { ok: false, error: decision.error };
        const state = decision.events.reduce<MeetingState | null>(evolve, before);
        if (state === null) return { ok: false, error: domainError('meeting_not_found', meetingId) };
        return { ok: true, events: decision.events, state, meta: metaOf(state), ...(secrets ? { secrets } : {}) };
      },
    });
    if (result.kind === 'rejected') return { kind: 'rejected', error: result.error as DomainError };
    if (result.kind === 'committed' && result.events.length > 0 && inCommit === undefined) {
      // After the commit, never before: a node that hears of seq N can always read it.
      try {
        await this.bus.publish(channel, String(result.seq));
      } catch (error) {
        // [BUS-10] The events are durable: the command stands and is acknowledged. Other nodes
        // read them with the meeting's next message, or when their bus connection resyncs.
        console.error('engine: publishing a commit on the bus failed:', errorKind(error));
      }
    }
    return result;
  }

  /**
   * Makes new secret links for a meeting's console and screen; the old ones stop working.
   * Returns null when there is no such meeting.
   */
  async renewLinks(meetingId: string): Promise<{ facilitatorToken: string; screenToken: string } | null> {
    const facilitatorToken = newToken();
    const screenToken = newToken();
    const done = await this.store.setMeetingSecrets(meetingId, {
      facilitatorTokenHash: hashToken(facilitatorToken),
      screenTokenHash: hashToken(screenToken),
    });
    return done ? { facilitatorToken, screenToken } : null;
  }

  /** New secret links for the report's rapporteur and editor (old ones stop working). */
  async renewReportLinks(meetingId: string): Promise<{ rapporteurToken: string; editorToken: string } | null> {
    const secrets = await this.store.getMeetingSecrets(meetingId);
    if (!secrets) return null;
    const rapporteurToken = newToken();
    const editorToken = newToken();
    const done = await this.store.setMeetingSecrets(meetingId, {
      facilitatorTokenHash: secrets.facilitatorTokenHash,
      screenTokenHash: secrets.screenTokenHash,
      rapporteurTokenHash: hashToken(rapporteurToken),
      editorTokenHash: hashToken(editorToken),
    });
    return done ? { rapporteurToken, editorToken } : null;
  }

  /**
   * Prepares a meeting from a method. Returns the secret links' tokens once: only their
   * hashes are stored.
   */
  async createMeeting(
    spec: MeetingSpec,
    method: MethodTemplate,
    meetingId = newMeetingId(),
  ): Promise<{ meetingId: string; facilitatorToken: string; screenToken: string; outcome: Outcome }> {
    const facilitatorToken = newToken();
    const screenToken = newToken();
    const outcome = await this.execute(
      { meetingId, commandId: `create-${meetingId}`, command: { type: 'CreateMeeting', spec, method }, actor: { role: 'system' } },
      { facilitatorTokenHash: hashToken(facilitatorToken), screenTokenHash: hashToken(screenToken) },
    );
    return { meetingId, facilitatorToken, screenToken, outcome };
  }
}
