// Events: the use cases over one shared context (service/): lifecycle.ts (drafts, review,
// publication, cancellation, postponement), registration.ts (places under the event's lock, the
// waiting list and its offers), privacy.ts (export, erasure, the purge after the event), attendance.ts (checking parties in on
// the day, the QR code of the confirmation, the counts kept after the purge). Finding
// events (the list, the month view, the feeds, the API's list) is listing.ts, read only.
import { systemContext } from '../../platform/context.ts';
import { attachmentUseCases } from './service/attachments.ts';
import { attendanceUseCases } from './service/attendance.ts';
import { eventsAuditNames } from './service/audit-names.ts';
import { type EventsDeps, eventsContext } from './service/context.ts';
import { lifecycleUseCases } from './service/lifecycle.ts';
import { messageUseCases } from './service/messages.ts';
import { privacyUseCases } from './service/privacy.ts';
import { registrationUseCases } from './service/registration.ts';
import { roomUseCases } from './service/room.ts';
import { seriesUseCases } from './service/series.ts';

export type { AttachmentView } from './service/attachments.ts';
export type { Attendance, CheckInCode } from './service/attendance.ts';
export { CHECK_IN_EARLY_MS, checkInWindow } from './service/attendance.ts';
export type { EventsDeps, EventView } from './service/context.ts';
export { eventView } from './service/context.ts';
export type { EventInput, RegistrationInput } from './service/input.ts';
export type { MessageInput, SentMessage } from './service/messages.ts';
export type { RegistrationView } from './service/registration.ts';
export type { Certificate, SeriesRow, SeriesSession, SessionOutcome } from './service/series.ts';

export function eventsService(deps: EventsDeps) {
  const shared = eventsContext(deps);
  const registration = registrationUseCases(shared);
  const room = roomUseCases(shared);
  return {
    /** No one acts (a job, the demo data): the context they start from. */
    systemContext: (requestId: string) => systemContext(deps.clock, requestId),
    ...lifecycleUseCases(shared, registration.promote, room),
    /** The cluster's rooms an event may be in, and the state of the bookings events hold for them. */
    rooms: room.rooms,
    roomStates: room.states,
    ...registration,
    ...seriesUseCases(shared, registration),
    /** Names of its records for the audit log. */
    auditNames: eventsAuditNames(shared),
    ...privacyUseCases(shared, registration.promote),
    ...attachmentUseCases(shared),
    ...messageUseCases(shared),
    ...attendanceUseCases(shared),
  };
}

export type EventsService = ReturnType<typeof eventsService>;
