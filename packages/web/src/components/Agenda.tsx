import type { RoundTemplate, StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { primitiveLabel, scopeLabel, visibilityLabel } from './labels.ts';

/** The suggested minutes of a round, summed over the steps that have a time box. */
export function roundMinutes(round: RoundTemplate): number {
  return round.steps.reduce((sum, step) => sum + (step.timeboxMinutes ?? 0), 0);
}

function StepItem({ step, detailed }: { step: StepTemplate; detailed: boolean }) {
  const { t, i18n } = useTranslation();
  const prompt = localize(step.prompt, i18n.language);
  return (
    <li className="gw-step">
      <span className="gw-step__title">{localize(step.title, i18n.language)}</span>
      {detailed && prompt ? <span className="gw-step__prompt">{prompt}</span> : null}
      <ul className="gw-tags" aria-label={t('agenda.stepDetails')}>
        <li className="gw-tag gw-tag--primitive">{primitiveLabel(step.primitive, t)}</li>
        <li className="gw-tag">{scopeLabel(step.scope, t)}</li>
        {step.timeboxMinutes ? <li className="gw-tag">{t('agenda.minutes', { count: step.timeboxMinutes })}</li> : null}
        {detailed ? <li className="gw-tag">{visibilityLabel(step.visibility, t)}</li> : null}
      </ul>
    </li>
  );
}

/**
 * The rounds of a meeting with their steps. `detailed` adds each step's prompt and whether
 * answers are anonymous; the console shows the compact form.
 */
export function Agenda({ agenda, headingLevel = 3, detailed = true }: { agenda: readonly RoundTemplate[]; headingLevel?: 2 | 3; detailed?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <ol className="gw-agenda">
      {agenda.map((round, index) => {
        const minutes = roundMinutes(round);
        const purpose = localize(round.purpose, lang);
        return (
          <li key={round.id} className="gw-round">
            <div className="gw-round__head">
              <span className="gw-round__number" aria-hidden="true">
                {index + 1}
              </span>
              <div>
                <Heading level={headingLevel} appearance="level-4" className="gw-round__title">
                  <span className="gw-visually-hidden">{t('agenda.roundNumber', { number: index + 1 })} </span>
                  {localize(round.title, lang)}
                </Heading>
                <p className="gw-round__meta">
                  {t('agenda.stepCount', { count: round.steps.length })}
                  {minutes > 0 ? ` · ${t('agenda.aboutMinutes', { count: minutes })}` : ''}
                </p>
              </div>
            </div>
            {detailed && purpose ? <Paragraph className="gw-round__purpose">{purpose}</Paragraph> : null}
            <ol className="gw-steps">
              {round.steps.map((step) => (
                <StepItem key={step.id} step={step} detailed={detailed} />
              ))}
            </ol>
          </li>
        );
      })}
    </ol>
  );
}
