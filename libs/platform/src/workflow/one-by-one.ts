/**
 * A worker's pass over what is due, one item at a time, each in a transaction of its own (`one` is
 * `@Transactional`): an item that fails holds up no other; the failures are thrown together once the rest
 * are done, so the job is retried (and a retry finds the done ones done). `one` answers whether it did
 * something; the pass returns those ids. `failure` says what could not be done: "rotation(s) could not start".
 */
export async function oneByOne(ids: readonly string[], one: (id: string) => Promise<boolean>, failure: string): Promise<string[]> {
  const done: string[] = [];
  const failed: string[] = [];
  for (const id of ids) {
    try {
      if (await one(id)) done.push(id);
    } catch (error) {
      failed.push(`${id}: ${(error as Error).message}`);
    }
  }
  if (failed.length > 0) throw new Error(`${failed.length} ${failure}: ${failed.join('; ')}`);
  return done;
}
