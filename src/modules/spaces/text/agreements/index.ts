import { parts } from '../../../../platform/i18n/index.ts';
import { applicants } from './applicants.ts';
import { errors } from './errors.ts';
import { report } from './report.ts';
import { shared } from './shared.ts';
import { staff } from './staff.ts';

// Desk-use agreements ("umowa udostępnienia stanowiska pracy"), packages and the staff reports of
// the spaces module (src/modules/spaces/agreements*.ts, reports.ts, views/agreements|packages|reports).
export const agreements = parts(shared, applicants, staff, report, errors);
