import { parts } from '../../../../platform/i18n/index.ts';
import { availability } from './availability.ts';
import { details } from './details.ts';
import { feedback } from './feedback.ts';
import { resources } from './resources.ts';
import { rules } from './rules.ts';

// The staff back office for bookable resources (/panel/przestrzenie).
export const spacesPanel = parts(resources, availability, rules, details, feedback);
