import { mayCase } from '@goedwerk/core/case-policy';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useState } from 'react';
import { useSession } from '../account/session.ts';
import { RouterLink } from '../components/RouterLink.tsx';
import { useTranslation } from '../useTranslation.ts';
import './meeting-to-case.css';

interface GroupDilemma {
  readonly id: string;
  readonly name: string;
  readonly caseId: string | null;
  readonly dilemma: { readonly hornA: string; readonly hornB: string } | null;
}

type Outcome = { readonly kind: 'made'; readonly caseId: string } | { readonly kind: 'failed' } | { readonly kind: 'consent' };

/** One group's dilemma, with the owner's consent and the button that makes it a draft case. */
function GroupRow({ meetingId, group, reviewer }: { meetingId: string; group: GroupDilemma; reviewer: boolean }) {
  const { t } = useTranslation();
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const field = `consent-${group.id}`;
  const make = async () => {
    if (!consent) {
      setOutcome({ kind: 'consent' });
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/groups/${encodeURIComponent(group.id)}/case`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ consent: true }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { case: { id: string } };
      setOutcome({ kind: 'made', caseId: body.case.id });
    } catch {
      setOutcome({ kind: 'failed' });
    } finally {
      setBusy(false);
    }
  };
  const title = group.dilemma ? t('meetingCase.tension', { a: group.dilemma.hornA, b: group.dilemma.hornB }) : group.name;
  return (
    <li className="gw-meeting-case__group">
      <Heading level={3} appearance="level-5">
        {title}
      </Heading>
      <p className="gw-muted">{group.name}</p>
      {outcome?.kind === 'made' ? null : (
        <>
          <label className="gw-meeting-case__consent" htmlFor={field}>
            <input
              id={field}
              type="checkbox"
              checked={consent}
              aria-invalid={outcome?.kind === 'consent' || undefined}
              aria-describedby={outcome?.kind === 'consent' ? `${field}-error` : undefined}
              onChange={(e) => {
                setConsent(e.target.checked);
                if (e.target.checked && outcome?.kind === 'consent') setOutcome(null);
              }}
            />
            <span>{t('meetingCase.consent')}</span>
          </label>
          <Button appearance="secondary-action-button" onClick={() => void make()} disabled={busy}>
            {t('meetingCase.make')}
          </Button>
        </>
      )}
      <div role="status">
        {outcome?.kind === 'made' ? (
          <Paragraph>
            {t('meetingCase.made')} {reviewer ? <RouterLink to="/library/review">{t('meetingCase.toReview')}</RouterLink> : null}
          </Paragraph>
        ) : null}
        {outcome?.kind === 'failed' ? <Paragraph>{t('meetingCase.failed')}</Paragraph> : null}
        {outcome?.kind === 'consent' ? (
          <p id={`${field}-error`} className="gw-form-field__error">
            {t('meetingCase.needConsent')}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/**
 * [LB-35] From meeting to case: for staff who may, the dilemmas the meeting's groups worked on, each
 * of which becomes a draft case for the library once the person whose dilemma it is agrees. A
 * reviewer checks the draft for anonymity before anyone else sees it.
 */
export default function MeetingToCase({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.state === 'signed-in' ? session.account.role : null;
  const allowed = role !== null && mayCase(role, 'case.fromMeeting');
  const [groups, setGroups] = useState<readonly GroupDilemma[] | null>(null);
  useEffect(() => {
    if (!allowed) return;
    const controller = new AbortController();
    fetch(`/api/meetings/${encodeURIComponent(meetingId)}/groups`, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ groups: GroupDilemma[] }>) : { groups: [] }))
      .then((body) => setGroups(body.groups.filter((g) => g.dilemma !== null || g.caseId !== null)))
      .catch(() => setGroups([]));
    return () => controller.abort();
  }, [allowed, meetingId]);
  if (!allowed || !groups || groups.length === 0) return null;
  return (
    <section className="gw-section gw-meeting-case" aria-labelledby="meeting-case">
      <Heading level={2} id="meeting-case">
        {t('meetingCase.title')}
      </Heading>
      <Paragraph className="gw-section__intro">{t('meetingCase.intro')}</Paragraph>
      <ul className="gw-meeting-case__groups">
        {groups.map((g) => (
          <GroupRow key={g.id} meetingId={meetingId} group={g} reviewer={role !== null && mayCase(role, 'case.review')} />
        ))}
      </ul>
    </section>
  );
}
