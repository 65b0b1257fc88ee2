// Personal data across modules. Each module that stores data about a person exposes a contributor;
// the accounts module gathers them for "download my data" and calls them on "delete my account".
import type { Tx } from '../db/client.ts';

export interface PersonalDataContributor {
  /** Section name in the export, e.g. "organisations". */
  name: string;
  /** Everything this module holds about the person, as plain JSON. */
  exportFor(userId: string): Promise<unknown>;
  /**
   * Erases or anonymises the person's data inside the account-deletion transaction. Throw a
   * RuleError (e.g. "sole owner of an organisation with other members") to refuse the deletion.
   */
  eraseFor(userId: string, tx: Tx): Promise<void>;
}
