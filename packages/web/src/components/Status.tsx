import { Button } from '@utrecht/button-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import type { ReactNode } from 'react';
import { useTranslation } from '../useTranslation.ts';
import type { Loadable, LoadFailure } from '../api.ts';
import { Loading } from './Loading.tsx';
import { RouterLink } from './RouterLink.tsx';
import { useDocumentTitle } from './useDocumentTitle.ts';

function failureText(failure: LoadFailure, t: ReturnType<typeof useTranslation>['t']): string {
  switch (failure.kind) {
    case 'not-found':
      return t('status.notFound');
    case 'network':
      return t('status.network');
    case 'server':
      return t('status.server');
  }
}

/**
 * An error that needs attention: announced at once (role="alert"), with a retry where that helps.
 * As a page's whole content it carries the page heading (level 1) and a way back home.
 */
export function LoadError({ failure, retry, headingLevel = 1 }: { failure: LoadFailure; retry?: () => void; headingLevel?: 1 | 3 }) {
  const { t } = useTranslation();
  const title = failure.kind === 'not-found' ? t('status.notFoundTitle') : t('status.errorTitle');
  useDocumentTitle(headingLevel === 1 ? title : undefined);
  return (
    <div role="alert" className="utrecht-alert utrecht-alert--error gw-alert">
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">
          <Heading level={headingLevel} appearance="level-3">
            {title}
          </Heading>
          <Paragraph>{failureText(failure, t)}</Paragraph>
          <div className="gw-alert__actions">
            {retry && failure.kind !== 'not-found' ? (
              <Button appearance="secondary-action-button" onClick={retry}>
                {t('status.retry')}
              </Button>
            ) : null}
            {headingLevel === 1 ? <RouterLink to="/">{t('status.home')}</RouterLink> : null}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Renders the loading state, the error state or `children(data)`. Inside a page section, pass `headingLevel={3}`. */
export function Loaded<T>({
  value,
  retry,
  headingLevel = 1,
  children,
}: {
  value: Loadable<T>;
  retry?: () => void;
  headingLevel?: 1 | 3;
  children: (data: T) => ReactNode;
}) {
  switch (value.state) {
    case 'loading':
      return <Loading />;
    case 'failed':
      return retry ? (
        <LoadError failure={value.failure} retry={retry} headingLevel={headingLevel} />
      ) : (
        <LoadError failure={value.failure} headingLevel={headingLevel} />
      );
    case 'loaded':
      return <>{children(value.data)}</>;
  }
}
