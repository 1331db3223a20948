import { configSchema, ConfigurationError, configTable, configValue, loadConfig } from '.';

// Issue 14 item 6: one schema, validated before anything starts, naming the variable.
describe('loadConfig', () => {
  it('gives every default for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.LEDGER_PG_PORT).toBe(54329);
    expect(config.LEDGER_PROJECTOR).toBe(true);
    expect(config.LEDGER_POISON).toBe('park');
    expect(config.LEDGER_RATE_LIMIT_PER_SECOND).toBe(50);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('refuses PORT=abc with a message naming PORT and the value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      new ConfigurationError('PORT must be a port number (0-65535), not "abc"'),
    );
  });

  it('names every wrong variable at once', () => {
    try {
      loadConfig({ PORT: '70000', LEDGER_POISON: 'skip' });
      throw new Error('accepted');
    } catch (error) {
      expect((error as ConfigurationError).variables).toEqual(['PORT', 'LEDGER_POISON']);
    }
  });

  it.each([
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['no', false],
    ['off', false],
    ['Off', false],
    ['true', true],
    ['1', true],
    ['yes', true],
    ['on', true],
  ])('reads LEDGER_PROJECTOR=%s as %s', (raw, expected) => {
    expect(loadConfig({ LEDGER_PROJECTOR: raw }).LEDGER_PROJECTOR).toBe(expected);
  });

  it('refuses a boolean it cannot read rather than guessing', () => {
    expect(() => loadConfig({ LEDGER_PROJECTOR: 'maybe' })).toThrow(
      'LEDGER_PROJECTOR must be true/false, 1/0, yes/no or on/off, not "maybe"',
    );
  });

  it('takes an empty variable as unset (DATABASE_URL= npm start)', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).PORT).toBe(3000);
  });

  it('hides a password in the value it quotes', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://ledger:secret@db/ledger' })).toThrow(
      'DATABASE_URL must be a postgres:// or postgresql:// URL, not "mysql://ledger:***@db/ledger"',
    );
  });

  it('reads one variable for a library that needs only it', () => {
    expect(configValue('LEDGER_RATE_LIMIT_BURST', { LEDGER_RATE_LIMIT_BURST: '7' })).toBe(7);
    expect(() => configValue('LEDGER_RATE_LIMIT_BURST', { LEDGER_RATE_LIMIT_BURST: '-1' })).toThrow(
      'LEDGER_RATE_LIMIT_BURST must be a positive number, not "-1"',
    );
  });

  it('has a README row for each variable', () => {
    expect(configTable().split('\n')).toHaveLength(2 + Object.keys(configSchema.shape).length);
  });
});
