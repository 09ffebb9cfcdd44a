import { describe, expect, it } from 'vitest';
import { AA_NORMAL_TEXT, contrastWithWhite } from './contrast';

describe('contrastWithWhite', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#767676')).toBeCloseTo(4.54, 2);
  });

  it('tells a readable brand colour from a pale one', () => {
    expect(contrastWithWhite('#0b5cad')!).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    expect(contrastWithWhite('#7fb3ff')!).toBeLessThan(AA_NORMAL_TEXT);
  });

  it('refuses anything but #RRGGBB', () => {
    expect(contrastWithWhite('blue')).toBeNull();
    expect(contrastWithWhite('#abc')).toBeNull();
  });
});
