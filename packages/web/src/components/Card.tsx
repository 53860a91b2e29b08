import { Card as UtrechtCard } from '@utrecht/card-react';
import type { ReactNode, Ref } from 'react';

/** The Utrecht card wraps its heading in a link component; our heading brings its own link. */
function HeadingContent({ children }: { children?: ReactNode; ref?: Ref<HTMLElement> }) {
  return <>{children}</>;
}

type CardProps = {
  heading: ReactNode;
  headingLevel?: 2 | 3 | 4;
  children?: ReactNode;
  /** The whole card follows the single link in its heading. Only for cards without other links. */
  stretchedLink?: boolean;
  className?: string;
};

/** A card (NL Design System) with a heading that may hold one link, and free content below. */
export function Card({ heading, headingLevel = 3, children, stretchedLink = false, className }: CardProps) {
  return (
    <UtrechtCard
      className={['gw-card', stretchedLink ? 'gw-card--stretched' : '', className].filter(Boolean).join(' ')}
      heading={heading}
      headingLevel={headingLevel}
      Link={HeadingContent}
      body={children}
    />
  );
}
