// Progressive enhancement only: every page works without this script.
import { initAll } from 'govuk-frontend';
import { initCopyButtons } from './copy.ts';
import { initScoreTotals } from './score-total.ts';

document.body.classList.add('govuk-frontend-supported', 'js-enabled');
initAll();
initCopyButtons();
initScoreTotals();
