// What the calls pages share: a call's state at a moment (open, coming, closed…) and its tag, its
// title in the reader's language, its path, and money in złoty.
import { localized } from '../../../platform/content.ts';
import { Tag } from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import type { CallRow, CallState } from '../service.ts';

const colours = {
  draft: 'grey',
  upcoming: 'blue',
  open: 'green',
  closed: 'grey',
  results: 'yellow',
  cancelled: 'red',
} as const;

export function CallStateTag({ state }: { state: CallState }) {
  const { t } = useView();
  return <Tag colour={colours[state]}>{t.calls.state[state]}</Tag>;
}

export const callTitle = (row: Pick<CallRow, 'title' | 'titleI18n'>) => localized(row.title, row.titleI18n);
export const callPath = (id: string) => `/nabory/${id}`;
export const applicationPath = (id: string) => `/nabory/wnioski/${id}`;
