import type { NotifyChannel } from '../api/types';

/*
 * The channel order of a message type as the settings screen edits it: every channel appears once,
 * the enabled ones first in the order they are tried, the disabled ones after. The server stores the
 * enabled ones only (settings.routing[type]); a type without an entry uses its default order.
 */

export const ALL_CHANNELS: readonly NotifyChannel[] = ['oa', 'zns', 'sms'];

export interface ChannelSlot {
  channel: NotifyChannel;
  enabled: boolean;
}

function isChannel(value: string): value is NotifyChannel {
  return (ALL_CHANNELS as readonly string[]).includes(value);
}

/** The slots of an order: its channels enabled in order, then the others disabled. */
export function slotsOf(order: readonly string[]): ChannelSlot[] {
  const enabled = [...new Set(order.filter(isChannel))];
  return [
    ...enabled.map((channel) => ({ channel, enabled: true })),
    ...ALL_CHANNELS.filter((c) => !enabled.includes(c)).map((channel) => ({ channel, enabled: false })),
  ];
}

/** Moves one slot up (-1) or down (+1); out of range leaves the list as it is. */
export function moveSlot(slots: readonly ChannelSlot[], index: number, delta: -1 | 1): ChannelSlot[] {
  const target = index + delta;
  if (index < 0 || index >= slots.length || target < 0 || target >= slots.length) return [...slots];
  const next = [...slots];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved!);
  return next;
}

export function toggleSlot(slots: readonly ChannelSlot[], index: number, enabled: boolean): ChannelSlot[] {
  return slots.map((slot, i) => (i === index ? { ...slot, enabled } : slot));
}

/** The order the server stores: the enabled channels, in the order shown. */
export function orderOf(slots: readonly ChannelSlot[]): NotifyChannel[] {
  return slots.filter((s) => s.enabled).map((s) => s.channel);
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The routing to save: the province's existing overrides, plus an entry for each type whose order
 * the officer changed (so an untouched type keeps following its default order).
 */
export function routingToSave(
  existing: Readonly<Record<string, readonly NotifyChannel[]>>,
  loaded: Readonly<Record<string, readonly string[]>>,
  edited: Readonly<Record<string, readonly ChannelSlot[]>>,
): Record<string, NotifyChannel[]> {
  const routing: Record<string, NotifyChannel[]> = {};
  for (const [type, order] of Object.entries(existing)) routing[type] = [...order];
  for (const [type, slots] of Object.entries(edited)) {
    const order = orderOf(slots);
    if (!same(order, (loaded[type] ?? []).filter(isChannel))) routing[type] = order;
  }
  return routing;
}
