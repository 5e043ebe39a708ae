// What a query asks for beneath a field, for a field whose Prisma selection reads more than its own type's
// columns (a view built from a parent row): it selects the costly parts (a large JSON column, a chain of joins)
// only when a field needing them is asked for.
//
// plugin-prisma stores a field's selection in the field's `pothosPrismaSelect` extension, which its selection
// walker (@pothos/selection-mapper, walk.js `runSelect`) calls with (args, context, nestedSelection,
// getSelection, position), getSelection() being the set of field names selected beneath the field, fragments
// included, and position where the field sits in the plan (its parent field: loaded-under.ts). A field's own `select` option is wrapped to three arguments, so the extension is set directly here,
// in the shape plugin-prisma gives it (`{ select }`). statement-count.test.ts checks that the lean selection is
// the one that runs, so an upgrade that changes this fails there.
import type { Context } from './context.ts';
import type { SelectionPosition } from './loaded-under.ts';

/** The names selected beneath the field, or undefined when unknown (then everything is selected). */
function requestedFields(getSelection: unknown): ReadonlySet<string> | undefined {
  if (typeof getSelection !== 'function') return undefined;
  const names: unknown = getSelection();
  return names instanceof Set ? (names as Set<string>) : undefined;
}

/** Whether any of `fields` is asked for (true when what is asked for is unknown). */
export function asksForAny(requested: ReadonlySet<string> | undefined, fields: readonly string[]): boolean {
  return requested === undefined || fields.some((field) => requested.has(field));
}

/**
 * Field options (spread into a prismaObject field's options, in place of `select`) whose Prisma selection is
 * built from what is asked for beneath the field.
 */
export function selectForRequestedFields(build: (context: Context, requested: ReadonlySet<string> | undefined, position: SelectionPosition | undefined) => object) {
  return {
    extensions: {
      pothosPrismaSelect: (_args: unknown, context: Context, _nestedSelection: unknown, getSelection?: unknown, position?: SelectionPosition) => ({
        select: build(context, requestedFields(getSelection), position),
      }),
    },
  };
}
