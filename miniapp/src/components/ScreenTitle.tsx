import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { navigatedInApp } from '../state/router';

/**
 * The screen's one h1. After an in-app navigation focus moves here, so a screen reader starts
 * reading the new screen (not the old button that was tapped).
 */
export function ScreenTitle(props: { children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigatedInApp) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 class="screen-title" tabIndex={-1} ref={heading}>
      {props.children}
    </h1>
  );
}
