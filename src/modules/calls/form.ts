// The application form of a call: typed fields that staff put together per call (stored as one
// version's `fields`, call_form_version), and what an answer to each is. The server validates every
// answer against the version the application answers (validateAnswers, in answers.ts).
import type { Localized } from '../../platform/content.ts';

interface FieldBase {
  /** Stable within the call: answers are stored by it, and a new version keeps the keys it keeps. */
  key: string;
  label: Localized;
  hint?: Localized | undefined;
  required: boolean;
}

export type FormField =
  | (FieldBase & { type: 'short_text'; maxLength: number })
  | (FieldBase & { type: 'long_text'; maxLength: number })
  | (FieldBase & { type: 'number'; min?: number | undefined; max?: number | undefined; integer: boolean })
  /** In PLN, answered in grosze; `max` in grosze (the call's maximum per application applies too). */
  | (FieldBase & { type: 'amount'; max?: number | undefined })
  | (FieldBase & { type: 'date' })
  | (FieldBase & { type: 'single_choice'; options: Array<{ key: string; label: Localized }> })
  | (FieldBase & {
      type: 'multiple_choice';
      options: Array<{ key: string; label: Localized }>;
      maxChoices?: number | undefined;
    })
  | (FieldBase & { type: 'yes_no' })
  /** PDF or images, judged by their content (platform/files.ts); `maxBytes` per file. */
  | (FieldBase & { type: 'file'; accept: Array<'pdf' | 'image'>; maxBytes: number; maxFiles: number })
  /**
   * Rows of item, quantity and unit price (grosze); the totals are computed, never typed. The
   * own contribution's share of the total must be at least `minOwnShare` (0–1) when set.
   */
  | (FieldBase & { type: 'budget'; maxRows: number; minOwnShare?: number | undefined })
  /** One of the revitalisation subareas (places module). */
  | (FieldBase & { type: 'subarea' })
  /** A Polish NIP (checksum) or KRS number (ten digits). */
  | (FieldBase & { type: 'nip' })
  | (FieldBase & { type: 'krs' })
  /** A statement to tick; when required, it must be ticked. */
  | (FieldBase & { type: 'declaration' });

export type FieldType = FormField['type'];

/** A budget table's answer: rows as typed, amounts in grosze; the own contribution in grosze. */
export interface BudgetAnswer {
  rows: Array<{ item: string; quantity: number; unitPrice: number }>;
  ownContribution: number;
}

/** A file field's answer: the ids of call_application_file rows. */
export type FileAnswer = string[];
