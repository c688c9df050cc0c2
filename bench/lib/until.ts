/** Polls `probe` every 50 ms until it answers something (not undefined, false or null), and returns that. */
export async function until<T>(probe: () => Promise<T | undefined | null | false>, ms = 600_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
