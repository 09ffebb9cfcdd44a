import type { ComponentChildren } from 'preact';

/**
 * A bordered block; `title` becomes its h2 so the screen's outline reads well. With `titleId` the
 * heading names the section, which makes it a landmark a screen reader can jump to.
 */
export function Card(props: {
  title?: string;
  titleId?: string;
  children: ComponentChildren;
  class?: string;
  labelledBy?: string;
}) {
  return (
    <section
      class={props.class ? `card ${props.class}` : 'card'}
      aria-labelledby={props.labelledBy ?? props.titleId}
    >
      {props.title && (
        <h2 class="card-title" id={props.titleId}>
          {props.title}
        </h2>
      )}
      {props.children}
    </section>
  );
}
