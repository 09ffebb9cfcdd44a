import { useRef } from 'preact/hooks';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * WAI-ARIA tabs: one tab stop, arrow keys move between tabs. The panel is rendered by the caller
 * with id `${id}-panel` and labelled by the selected tab.
 */
export function Tabs<K extends string>(props: {
  id: string;
  label: string;
  items: TabItem<K>[];
  selected: K;
  onSelect(key: K): void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = props.items.findIndex((item) => item.key === props.selected);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = (index + step + props.items.length) % props.items.length;
    event.preventDefault();
    const item = props.items[next]!;
    props.onSelect(item.key);
    list.current?.querySelector<HTMLElement>(`#${props.id}-${item.key}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={props.label} ref={list} onKeyDown={onKeyDown}>
      {props.items.map((item) => {
        const selected = item.key === props.selected;
        return (
          <button
            key={item.key}
            id={`${props.id}-${item.key}`}
            type="button"
            role="tab"
            class="tab"
            aria-selected={selected ? 'true' : 'false'}
            aria-controls={`${props.id}-panel`}
            tabIndex={selected ? 0 : -1}
            onClick={() => props.onSelect(item.key)}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
