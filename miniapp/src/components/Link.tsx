import type { ComponentChildren, JSX } from 'preact';
import { hrefFor, navigate } from '../state/router';

interface LinkProps extends Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> {
  page: string;
  params?: Record<string, string>;
  children: ComponentChildren;
}

/** A real link (long-press, open in new tab, screen readers) that navigates inside the app on tap. */
export function Link({ page, params, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(page, params ?? {});
  };
  return (
    <a {...rest} href={hrefFor(page, params ?? {})} onClick={onClick}>
      {children}
    </a>
  );
}
