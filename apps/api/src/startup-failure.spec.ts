import { startupFailure } from './startup-failure';

// Issue 14 item 7: a start-up failure names its cause; it used to print `undefined`.
describe('startupFailure', () => {
  it('names an error, its code and its cause', () => {
    const error = Object.assign(new Error('connect failed', { cause: new Error('port 54329 is taken') }), {
      code: 'EADDRINUSE',
    });
    expect(startupFailure(error)).toBe('connect failed [EADDRINUSE] (cause: port 54329 is taken)');
  });

  it('says so when a library rejects with nothing', () => {
    expect(startupFailure(undefined)).toBe('an unnamed failure (nothing was reported; see the lines above)');
  });

  it('shows a string or an object as it came', () => {
    expect(startupFailure('initdb exited with 1')).toBe('initdb exited with 1');
    expect(startupFailure({ exitCode: 1 })).toBe('{"exitCode":1}');
  });
});
