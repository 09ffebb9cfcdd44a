import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { channelLabel } from '../../lib/notify-format';
import { moveSlot, toggleSlot, type ChannelSlot } from '../../lib/notify-routing';

/**
 * The channels of one message type, in the order they are tried: on/off and up/down buttons (no
 * drag and drop, so keyboard, screen reader and touch all work); focus follows the moved channel.
 */
export function ChannelOrderEditor({
  idPrefix,
  type,
  label,
  slots,
  onChange,
}: {
  idPrefix: string;
  type: string;
  label: string;
  slots: ChannelSlot[];
  onChange: (slots: ChannelSlot[]) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const move = (index: number, delta: -1 | 1) => {
    const next = moveSlot(slots, index, delta);
    const moved = slots[index]!;
    const target = index + delta;
    onChange(next);
    setAnnouncement(t.notify.moved(channelLabel(moved.channel), target + 1));
    requestAnimationFrame(() => {
      const row = list.current?.querySelector<HTMLElement>(`[data-channel-row="${moved.channel}"]`);
      const atEdge = target === 0 || target === slots.length - 1;
      const same = delta < 0 ? 'up' : 'down';
      const other = delta < 0 ? 'down' : 'up';
      row?.querySelector<HTMLButtonElement>(`[data-move="${atEdge ? other : same}"]`)?.focus();
    });
  };
  const none = slots.every((s) => !s.enabled);
  return (
    <fieldset class="channel-order" data-type={type}>
      <legend>{label}</legend>
      <ol ref={list} class="utility-list">
        {slots.map((slot, index) => {
          const id = `${idPrefix}-${type.replace(/\W/g, '-')}-${slot.channel}`;
          const name = channelLabel(slot.channel);
          return (
            <li
              key={slot.channel}
              data-channel-row={slot.channel}
              class={slot.enabled ? 'utility on' : 'utility'}
            >
              <span class="utility-pos" aria-hidden="true">
                {index + 1}
              </span>
              <input
                type="checkbox"
                id={id}
                checked={slot.enabled}
                onChange={(e) => onChange(toggleSlot(slots, index, e.currentTarget.checked))}
              />
              <label for={id} class="utility-label">
                {name}
              </label>
              <span class="utility-buttons">
                <button
                  type="button"
                  class="btn-icon"
                  data-move="up"
                  aria-label={t.notify.moveUp(name, label)}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="btn-icon"
                  data-move="down"
                  aria-label={t.notify.moveDown(name, label)}
                  disabled={index === slots.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {none && <p class="muted small">{t.notify.inboxOnly}</p>}
      <p class="sr-only" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}
