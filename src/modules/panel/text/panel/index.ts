import { parts } from '../../../../platform/i18n/index.ts';
import { auditLog } from './auditLog.ts';
import { dashboard } from './dashboard.ts';
import { users } from './users.ts';

export const panel = parts(dashboard, users, auditLog);
