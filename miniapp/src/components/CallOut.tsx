import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon';

/** A highlighted note (offline, code sent…): icon and words, announced politely. */
export function CallOut(props: { icon: IconName; children: ComponentChildren }) {
  return (
    <div class="callout" role="status">
      <Icon name={props.icon} />
      <p>{props.children}</p>
    </div>
  );
}
