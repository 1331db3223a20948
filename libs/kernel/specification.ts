import { Decider, fold, isRefusal, Refusal } from './decision';

/**
 * Given/When/Then for deciders:
 *   spec(decider).given([...events]).when(command, context).then([...events])
 *   spec(decider).given([...]).when(...).thenRefuses({ ruleId: '…' })
 */
export function spec<C, E, S, Ctx>(decider: Decider<C, E, S, Ctx>) {
  return {
    given(events: E[]) {
      return {
        when(command: C, context: Ctx) {
          const result = () => decider.decide(command, fold(decider, events), context);
          return {
            then(expected: Partial<E>[] | ((events: E[]) => void)) {
              const outcome = result();
              if (isRefusal(outcome)) {
                throw new Error(`expected events, got refusal ${outcome.ruleId}: ${outcome.detail}`);
              }
              if (typeof expected === 'function') expected(outcome);
              else expect(outcome).toMatchObject(expected);
              return outcome;
            },
            thenRefuses(expected: Partial<Refusal>) {
              const outcome = result();
              if (!isRefusal(outcome)) {
                throw new Error(`expected a refusal, got events ${JSON.stringify(outcome)}`);
              }
              expect(outcome).toMatchObject(expected);
              return outcome;
            },
            thenThrows(message: string | RegExp) {
              expect(result).toThrow(message);
            },
          };
        },
      };
    },
  };
}
