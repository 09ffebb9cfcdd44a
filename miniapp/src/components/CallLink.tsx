import type { ComponentChildren } from 'preact';
import { dialable } from '../lib/text';
import { platform } from '../platform';

/**
 * Tap to call: a `tel:` link on the web; inside Zalo the webview may ignore `tel:`, so the tap goes
 * to Zalo's openPhone instead. Always a link, so it reads as one.
 */
export function CallLink(props: {
  phone: string;
  label: string;
  children: ComponentChildren;
  class?: string;
}) {
  const onClick = (event: MouseEvent) => {
    const current = platform();
    if (current.kind !== 'zalo') return;
    event.preventDefault();
    void current.call(props.phone);
  };
  return (
    <a
      class={props.class ?? 'btn btn-secondary'}
      href={`tel:${dialable(props.phone)}`}
      aria-label={props.label}
      onClick={onClick}
    >
      {props.children}
    </a>
  );
}
