import { describe, expect, it } from 'vitest';
import { moveSlot, orderOf, routingToSave, slotsOf, toggleSlot } from './notify-routing';

describe('channel order editing', () => {
  it('lists the enabled channels in order, then the others disabled', () => {
    expect(slotsOf(['sms', 'oa'])).toEqual([
      { channel: 'sms', enabled: true },
      { channel: 'oa', enabled: true },
      { channel: 'zns', enabled: false },
    ]);
    expect(slotsOf([])).toHaveLength(3);
  });

  it('moves a channel up and down, ignoring moves past either end', () => {
    const slots = slotsOf(['oa', 'zns', 'sms']);
    expect(orderOf(moveSlot(slots, 2, -1))).toEqual(['oa', 'sms', 'zns']);
    expect(orderOf(moveSlot(slots, 0, 1))).toEqual(['zns', 'oa', 'sms']);
    expect(orderOf(moveSlot(slots, 0, -1))).toEqual(['oa', 'zns', 'sms']);
    expect(orderOf(moveSlot(slots, 2, 1))).toEqual(['oa', 'zns', 'sms']);
  });

  it('drops a disabled channel from the saved order', () => {
    const slots = toggleSlot(slotsOf(['oa', 'zns', 'sms']), 1, false);
    expect(orderOf(slots)).toEqual(['oa', 'sms']);
    expect(orderOf(toggleSlot(slots, 1, true))).toEqual(['oa', 'zns', 'sms']);
  });

  it('saves only the types that changed, keeping existing overrides', () => {
    const loaded = { 'dossier.received': ['oa', 'zns', 'sms'], 'dossier.refused': ['oa', 'zns', 'sms'] };
    const edited = {
      'dossier.received': slotsOf(['oa', 'zns', 'sms']),
      'dossier.refused': moveSlot(slotsOf(['oa', 'zns', 'sms']), 2, -1),
    };
    expect(routingToSave({ 'report.resolved': ['oa'] }, loaded, edited)).toEqual({
      'report.resolved': ['oa'],
      'dossier.refused': ['oa', 'sms', 'zns'],
    });
  });
});
