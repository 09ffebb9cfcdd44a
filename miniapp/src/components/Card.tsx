import type { ComponentChildren } from 'preact';

/** A bordered block; `title` becomes its h2 so the screen's outline reads well. */
export function Card(props: {
  title?: string;
  children: ComponentChildren;
  class?: string;
  labelledBy?: string;
}) {
  return (
    <section class={props.class ? `card ${props.class}` : 'card'} aria-labelledby={props.labelledBy}>
      {props.title && <h2 class="card-title">{props.title}</h2>}
      {props.children}
    </section>
  );
}
