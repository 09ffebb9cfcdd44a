import type { ComponentChildren } from 'preact';
import { Icon } from './Icon';
import { Link } from './Link';

export function List(props: { children: ComponentChildren; label?: string }) {
  return (
    <ul class="list" aria-label={props.label}>
      {props.children}
    </ul>
  );
}

/** One row; a row that opens something is a whole-row link with a chevron. */
export function ListItem(props: {
  children: ComponentChildren;
  page?: string;
  params?: Record<string, string>;
  class?: string;
}) {
  if (props.page) {
    return (
      <li class={props.class}>
        <Link class="list-link" page={props.page} params={props.params}>
          <span class="list-text">{props.children}</span>
          <Icon name="forward" />
        </Link>
      </li>
    );
  }
  return <li class={props.class ? `list-row ${props.class}` : 'list-row'}>{props.children}</li>;
}
