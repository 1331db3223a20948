import { InvalidCommand } from './errors';
import { guardCommandInput, isHappenedDateField, isSingleScriptName, scriptsOf } from './input-guard';

describe('the command input guard (docs/input.md)', () => {
  const today = '2026-11-24';

  it('tells past facts from planned dates by the field name', () => {
    for (const key of ['openedOn', 'arrivalOn', 'paidOn', 'purchasedOn', 'birthDate', 'decidedOn']) expect(isHappenedDateField(key)).toBe(true);
    for (const key of ['startsOn', 'endsOn', 'dueOn', 'effectiveOn', 'referenceDate', 'on']) expect(isHappenedDateField(key)).toBe(false);
  });

  it('accepts today and refuses tomorrow, in nested objects and arrays, naming the path', () => {
    expect(guardCommandInput({ spells: [{ startedOn: today }] }, today)).toEqual({ spells: [{ startedOn: today }] });
    expect(() => guardCommandInput({ spells: [{ startedOn: '2026-11-25' }] }, today)).toThrow(
      new InvalidCommand("spells[0].startedOn is 2026-11-25, after the ledger's today (2026-11-24): a fact that has happened cannot be dated in the future"),
    );
    expect(guardCommandInput({ endsOn: '2030-01-01' }, today)).toEqual({ endsOn: '2030-01-01' });
  });

  it('counts scripts as UTS #39 does: Common and Inherited characters belong to none', () => {
    expect([...scriptsOf('阿依古丽·买买提')]).toEqual(['Han']);
    expect([...scriptsOf('Zhang Wei 3')]).toEqual(['Latin']);
    expect(isSingleScriptName('王Ａ小明')).toBe(true); // full-width A is Latin
    expect(isSingleScriptName('李ひろし')).toBe(true); // Han with Hiragana
    expect(isSingleScriptName('Pаypal')).toBe(false); // Cyrillic а
    expect(isSingleScriptName('김Иван')).toBe(false);
  });

  it('normalises to NFC and leaves non-strings alone', () => {
    expect(guardCommandInput({ name: 'Lu\u0308', n: 3, ok: true, none: null }, today)).toEqual({ name: 'L\u00FC', n: 3, ok: true, none: null });
  });

  it('allows line breaks in free text but not in names', () => {
    expect(guardCommandInput({ reason: 'line one\nline two' }, today)).toEqual({ reason: 'line one\nline two' });
    expect(() => guardCommandInput({ employerName: 'A\nB' }, today)).toThrow(/employerName contains an invisible or control character \(U\+000A\)/);
  });
});
