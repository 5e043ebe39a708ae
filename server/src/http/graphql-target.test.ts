// The /graphql route is recognised without a URL parse: it must agree with `new URL()` on every target it takes,
// and leave to the URL parse every target it does not take.
import { describe, expect, it } from 'vitest';
import { graphqlSearchOf } from './server.ts';

const targets = [
  '/graphql', '/graphql?', '/graphql?query=%7B__typename%7D', '/graphql?a=1&b=2', '/graphql?a#b', '/graphql#frag',
  '/graphqlx', '/graphql/', '/graphql/../graphql', '/./graphql', '//graphql', '/GRAPHQL', '/%67raphql', '/', '/healthz', '',
];

describe('graphqlSearchOf', () => {
  it.each(targets)('%j: the same route and query string as a URL parse, or none', (target) => {
    const search = graphqlSearchOf(target);
    const url = new URL(target || '/', 'http://localhost');
    if (search === null) return;
    expect(url.pathname).toBe('/graphql');
    expect(search).toBe(url.search);
  });

  it('takes the plain targets itself', () => {
    expect(graphqlSearchOf('/graphql')).toBe('');
    expect(graphqlSearchOf('/graphql?')).toBe('');
    expect(graphqlSearchOf('/graphql?a=1')).toBe('?a=1');
    expect(graphqlSearchOf('/graphql/')).toBeNull();
    expect(graphqlSearchOf('/graphqlx')).toBeNull();
    expect(graphqlSearchOf('/graphql#x')).toBeNull();
    expect(graphqlSearchOf(undefined)).toBeNull();
  });
});
