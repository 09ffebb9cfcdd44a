import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n';
import { Icon, type IconName } from './Icon';

export interface ButtonProps {
  children: ComponentChildren;
  onClick?: () => void;
  type?: 'button' | 'submit';
  variant?: 'primary' | 'secondary' | 'danger' | 'quiet';
  icon?: IconName;
  /** While an action runs: the button stays in place, says it is working and ignores taps. */
  busy?: boolean;
  disabled?: boolean;
  class?: string;
  describedBy?: string;
}

/** A real <button>, at least 48 px tall, full width by default (easy to hit with a thumb). */
export function Button(props: ButtonProps) {
  const variant = props.variant ?? 'primary';
  return (
    <button
      type={props.type ?? 'button'}
      class={`btn btn-${variant}${props.class ? ` ${props.class}` : ''}`}
      onClick={props.busy ? undefined : props.onClick}
      disabled={props.disabled}
      aria-busy={props.busy ? 'true' : undefined}
      aria-describedby={props.describedBy}
    >
      {props.busy ? <span class="spinner" aria-hidden="true" /> : props.icon && <Icon name={props.icon} />}
      <span>{props.children}</span>
      {props.busy && <span class="visually-hidden">{t('common.working')}</span>}
    </button>
  );
}
