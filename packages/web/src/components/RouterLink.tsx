import { Link } from '@nl-design-system-candidate/link-react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { useLocation } from 'wouter';

/**
 * A click handler that navigates inside the app without a page load, unless the visitor asks
 * for a new tab or window (modifier keys, middle button) or something else handled the click.
 */
function useAppNavigation(to: string): { location: string; onClick: (event: MouseEvent<HTMLAnchorElement>) => void } {
  const [location, navigate] = useLocation();
  return {
    location,
    onClick(event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      navigate(to);
    },
  };
}

/** Whether `path` is `to` (or below it, when `end` is false). */
function matches(path: string, to: string, end: boolean): boolean {
  if (path === to) return true;
  return !end && path.startsWith(to.endsWith('/') ? to : `${to}/`);
}

type RouterLinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  children: ReactNode;
  /** Marks the link as the current page when its path matches the location exactly (or below it with `end={false}`). */
  markCurrent?: boolean;
  end?: boolean;
};

/** The NL Design System link, navigating inside the app without a page load. */
export function RouterLink({ to, children, onClick, markCurrent = false, end = true, ...rest }: RouterLinkProps) {
  const navigation = useAppNavigation(to);
  const current = markCurrent && matches(navigation.location, to, end) ? 'page' : undefined;
  return (
    <Link
      {...rest}
      href={to}
      current={current}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        navigation.onClick(event);
      }}
    >
      {children}
    </Link>
  );
}

/** A plain anchor that navigates inside the app. */
export function AppLink({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const { onClick } = useAppNavigation(to);
  return (
    <a href={to} className={className} onClick={onClick}>
      {children}
    </a>
  );
}

type ButtonLinkProps = { to: string; children: ReactNode; appearance?: 'primary' | 'secondary'; className?: string };

/** A link that looks like an NL Design System button: for calls to action that go somewhere. */
export function ButtonLink({ to, children, appearance = 'primary', className }: ButtonLinkProps) {
  const look = appearance === 'primary' ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action';
  return (
    <AppLink to={to} className={['utrecht-button', look, 'gw-button-link', className].filter(Boolean).join(' ')}>
      {children}
    </AppLink>
  );
}
