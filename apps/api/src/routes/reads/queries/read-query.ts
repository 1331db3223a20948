/** What a read-model query function answers: a query class's result is named from it, not written twice. */
export type ResultOf<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
