import type { ParseResult } from '../domain/field-errors';
import { newId } from '../domain/ids';
import { ErrorCode } from '../domain/error-codes';
import { agreedStatus, collectSteps, proposeStep, stepKey, stepValue, type StatusMachine } from '../domain/status-steps';
import { formError, type CommandContext } from './command-context';
import { patchRecord, readRecordById } from './record-commands';

/** One more step in a record's status history (refunds, complaints), stamped with who and when. */
export async function takeStatusStep<S extends string>(ctx: CommandContext, name: 'refunds' | 'complaints', machine: StatusMachine<S>, id: string, to: S, note: string): Promise<ParseResult<string>> {
  const record = readRecordById(ctx.ws, name, id);
  if (!record) return formError(ErrorCode.invalid);
  const agreed = agreedStatus(machine, collectSteps(record, machine));
  const proposal = proposeStep(machine, agreed, to, { id: newId(), by: ctx.ws.memberId, at: ctx.ws.now(), note: note.trim().slice(0, 2000) });
  if (!proposal.ok) return formError(proposal.error);
  const { step } = proposal;
  await ctx.commit(() => patchRecord(ctx.ws, name, id, { [stepKey(step.id)]: stepValue(step) }));
  return { ok: true, value: step.id };
}
