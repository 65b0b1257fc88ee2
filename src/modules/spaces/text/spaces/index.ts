import { parts } from '../../../../platform/i18n/index.ts';
import { bookings } from './bookings.ts';
import { calendar } from './calendar.ts';
import { panel } from './panel.ts';
import { refusals } from './refusals.ts';
import { resources } from './resources.ts';

// The spaces module: resources, calendars and bookings. `refusals` name the rule a booking broke;
// the booking pages and the API show them with the nearest free alternatives.
export const spaces = parts(refusals, resources, calendar, bookings, panel);
