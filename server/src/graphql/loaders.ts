// Per-request batching for fields that cannot come in their parent's query (a row rule on a to-one relation, a
// computed view): the rows asked for in one tick of execution are read in one statement.
// `cache: false`: a WebSocket context lives as long as its connection, so nothing is remembered between
// operations (no stale rows); DataLoader only batches. The batch function applies the same row rules as a
// single load would, and answers null for a key it did not return.
import DataLoader from 'dataloader';

const byContext = new WeakMap<object, Map<string, DataLoader<string, unknown>>>();

/** Loads `key` through the context's batcher `name`; `batch` returns the found values by key. */
export function batchLoad<V>(
  context: object,
  name: string,
  batch: (keys: readonly string[]) => Promise<Map<string, V>>,
  key: string,
): Promise<V | null> {
  let loaders = byContext.get(context);
  if (!loaders) byContext.set(context, (loaders = new Map()));
  let loader = loaders.get(name) as DataLoader<string, V | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | null>(
      async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => (found.has(k) ? found.get(k)! : null));
      },
      { cache: false },
    );
    loaders.set(name, loader as DataLoader<string, unknown>);
  }
  return loader.load(key);
}
