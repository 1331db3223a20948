/** What failed at start-up, in words: some libraries reject with a string, a code or nothing at all. */
export function startupFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause === undefined ? '' : ` (cause: ${startupFailure(error.cause)})`;
    const code = (error as { code?: unknown }).code;
    return `${error.message || error.name}${typeof code === 'string' && !error.message.includes(code) ? ` [${code}]` : ''}${cause}`;
  }
  if (error === undefined || error === null || error === '')
    return 'an unnamed failure (nothing was reported; see the lines above)';
  return typeof error === 'string' ? error : JSON.stringify(error);
}
