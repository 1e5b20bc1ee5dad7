// Child process of boardReport.ts: one cold run of the board report (see child.ts).
import { runReportOnce } from '../boardReport';
import { runProbe } from '../child';

runProbe(runReportOnce);
