import type { AnyVariables, CombinedError, TypedDocumentNode } from '@urql/core';
import { ref } from 'vue';
import { graphqlClient } from '../../../graphql/client';
import { describeError, errorCodes, fieldErrors } from '../../../graphql/errors';
import { ScoreCriterionMutation } from '../../../graphql/operations';
import type { OralPhase } from '../../../graphql/types';
import type { ScoreChange, SendResult } from './useScoreQueue';

export type ActionResult =
  | { ok: true }
  | { ok: false; conflict: boolean; error: CombinedError; fields: Record<string, string> };

/** What the deliberation form needs back: field errors to show beside the fields, or the error. */
export type AgreedSaveResult = { ok: true } | { ok: false; fields: Record<string, string>; error: unknown };

/** The oral's phase and version when a shared change was refused as stale (CONFLICT). */
export interface ConflictNotice {
  phase: OralPhase | null;
  version: number | null;
}

function conflictOf(error: CombinedError): ConflictNotice | null {
  const conflict = error.graphQLErrors.find((item) => item.extensions?.code === 'CONFLICT');
  if (!conflict) return null;
  const current = conflict.extensions.current as { phase?: OralPhase; version?: number } | undefined;
  return { phase: current?.phase ?? null, version: current?.version ?? null };
}

/**
 * Shared changes of the room (phase, agreed scores, decision, signature). Each one reloads the room
 * afterwards. A CONFLICT (someone changed the oral meanwhile) raises `conflict` — the view shows a
 * notice — and reloads the room; the caller keeps what the user typed so they can do it again.
 */
export function useRoomActions(oralId: string, refresh: () => Promise<unknown>) {
  const conflict = ref<ConflictNotice | null>(null);

  async function run<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
  ): Promise<ActionResult> {
    const result = await graphqlClient.value.mutation(document, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) {
      const stale = conflictOf(result.error);
      if (stale) conflict.value = stale;
      void refresh(); // the oral may have moved on (CONFLICT, INVALID_STATE)
      return { ok: false, conflict: Boolean(stale), error: result.error, fields: fieldErrors(result.error) };
    }
    conflict.value = null;
    await refresh();
    return { ok: true };
  }

  /** Autosave of one criterion (used by the score queue): network failures are retried, refusals kept. */
  async function sendScore(criterionId: string, change: ScoreChange): Promise<SendResult> {
    const result = await graphqlClient.value
      .mutation(
        ScoreCriterionMutation,
        { input: { oralId, criterionId, value: change.value, comment: change.comment || null } },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (result.data?.scoreCriterion) return { ok: true, score: result.data.scoreCriterion };
    if (result.error?.graphQLErrors.length) {
      const fields = fieldErrors(result.error);
      const message = fields.value ?? fields.comment ?? describeError(result.error).messages.join(' ');
      return { ok: false, network: false, message, code: errorCodes(result.error)[0] ?? null };
    }
    return { ok: false, network: true };
  }

  return { conflict, run, sendScore };
}
