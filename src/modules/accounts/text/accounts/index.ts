import { parts } from '../../../../platform/i18n/index.ts';
import { account } from './account.ts';
import { data } from './data.ts';
import { security } from './security.ts';
import { signIn } from './signIn.ts';

export const accounts = parts(signIn, account, security, data);
