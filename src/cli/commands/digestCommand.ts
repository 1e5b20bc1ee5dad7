import { runDigest } from '../../scheduler';
import type { CliCommand } from '../context';
import { describeOutcome, prepareTimedRun } from './remindCommand';

/** `digest [--now <ISO time>]`: posts the weekly digest (the week up to --now) to the digest channel, now. */
export const digestCommand: CliCommand = {
  name: 'digest',
  usage: 'digest [--now <ISO-tid>]                  posta veckosammanfattningen i digestkanalen nu',
  async run(args, context) {
    const { tenantId, now, runtime } = await prepareTimedRun(args, context, this.usage);
    const report = await runDigest(runtime, tenantId, now, { onDemand: true });
    if (!report.ran) {
      context.err('En annan instans postar veckosammanfattningen just nu; försök igen om en stund.');
      return 1;
    }
    if (report.skipped) {
      context.err(`Ingen sammanfattning postades: ${report.skipped}`);
      return 1;
    }
    const outcome = report.outcome;
    if (outcome && outcome.state === 'sent' && !report.delivered) {
      context.out(
        `Sammanfattningen för ${report.slot ?? now.toISOString()} är redan postad (aktivitet ${outcome.activityId ?? '?'}).`,
      );
      return 0;
    }
    if (outcome) context.out(describeOutcome(outcome));
    if (report.text) context.out(report.text);
    return outcome?.state === 'sent' ? 0 : 1;
  },
};
