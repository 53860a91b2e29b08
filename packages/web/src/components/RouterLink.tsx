import { Link } from '@nl-design-system-candidate/link-react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { useHref, useLinkClickHandler, useMatch, type To } from 'react-router';

type RouterLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: To;
  children: ReactNode;
  /** Marks the link as the current page when its path matches the location exactly (or below it with `end={false}`). */
  markCurrent?: boolean;
  end?: boolean;
};

/** The NL Design System link, navigating inside the app without a page load. */
export function RouterLink({ to, children, onClick, markCurrent = false, end = true, ...rest }: RouterLinkProps) {
  const href = useHref(to);
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to);
  const pattern = typeof to === 'string' ? to : (to.pathname ?? '');
  const match = useMatch({ path: pattern, end });
  const current = markCurrent && match !== null ? 'page' : undefined;
  return (
    <Link
      {...rest}
      href={href}
      current={current}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) navigate(event);
      }}
    >
      {children}
    </Link>
  );
}

/**
 * A plain anchor that navigates inside the app. Built from the router's hooks rather than its
 * `Link` component, which brings prefetching code the phone does not need.
 */
export function AppLink({ to, children, className }: { to: To; children: ReactNode; className?: string }) {
  const href = useHref(to);
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <a href={href} className={className} onClick={navigate}>
      {children}
    </a>
  );
}

type ButtonLinkProps = { to: To; children: ReactNode; appearance?: 'primary' | 'secondary'; className?: string };

/** A link that looks like an NL Design System button: for calls to action that go somewhere. */
export function ButtonLink({ to, children, appearance = 'primary', className }: ButtonLinkProps) {
  const look = appearance === 'primary' ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action';
  return (
    <AppLink to={to} className={['utrecht-button', look, 'gw-button-link', className].filter(Boolean).join(' ')}>
      {children}
    </AppLink>
  );
}
