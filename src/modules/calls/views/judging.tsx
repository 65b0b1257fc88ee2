// The staff's judging pages: a call's applications, one application's formal check (its answers;
// accept, call to complete the named fields, reject with a reason), and the jury with its workload.
import { pick } from '../../../platform/content.ts';
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  Table,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { FormField } from '../form.ts';
import type { ApplicationView, CallRow, Workload } from '../service.ts';
import { adminPath } from './admin.tsx';
import { Answers, type Option } from './application.tsx';
import { callTitle } from './shared.tsx';

export const applicationsPath = (callId: string) => `${adminPath(callId)}/wnioski`;
export const staffApplicationPath = (callId: string, id: string) => `${applicationsPath(callId)}/${id}`;
export const juryPath = (callId: string) => `${adminPath(callId)}/komisja`;

export interface StaffApplicationRow {
  id: string;
  number: string | null;
  title: string;
  status: ApplicationView['status'];
  submittedAt: Date | null;
  amountRequested: number | null;
}

export function StaffApplicationsPage({ call, rows }: { call: CallRow; rows: StaffApplicationRow[] }) {
  const { t, locale } = useView();
  const j = t.callsJudging;
  return (
    <PanelLayout
      title={`${j.applicationsTitle}: ${pick(callTitle(call), locale).text}`}
      back={adminPath(call.id)}
    >
      <H1 caption={<Localized value={callTitle(call)} />}>{j.applicationsTitle}</H1>
      {rows.length === 0 ? (
        <p class="govuk-body">{j.applicationsEmpty}</p>
      ) : (
        <Table
          caption={j.applicationsCaption}
          head={[j.number, j.title, j.status, j.submittedAt, j.amount]}
          rows={rows.map((r) => [
            <a class="govuk-link" href={staffApplicationPath(call.id, r.id)} key="n">
              {r.number ?? '—'}
            </a>,
            r.title || t.calls.untitled,
            <Tag
              key="s"
              colour={r.status === 'formally_rejected' || r.status === 'withdrawn' ? 'red' : 'blue'}
            >
              {t.calls.statuses[r.status]}
            </Tag>,
            r.submittedAt ? formatDateTime(locale, r.submittedAt) : '—',
            r.amountRequested !== null ? formatMoney(r.amountRequested) : '—',
          ])}
        />
      )}
    </PanelLayout>
  );
}

export function StaffApplicationPage(props: {
  call: CallRow;
  application: ApplicationView & {
    formalReason: string | null;
    completionNote: string | null;
    completionDueAt: Date | null;
  };
  fields: FormField[];
  subareas: Option[];
  now: Date;
  state: FormState;
}) {
  const { t, locale } = useView();
  const j = t.callsJudging;
  const { call, application: a, fields, state } = props;
  const base = staffApplicationPath(call.id, a.id);
  const open = a.status === 'submitted' || a.status === 'to_complete';
  return (
    <PanelLayout title={`${a.number ?? ''} ${a.title}`} back={applicationsPath(call.id)}>
      <ErrorSummary state={state} />
      <H1
        caption={<Localized value={callTitle(call)} />}
      >{`${a.number ?? ''} ${a.title || t.calls.untitled}`}</H1>
      <p class="govuk-body">
        <Tag colour="blue">{t.calls.statuses[a.status]}</Tag>
      </p>
      {a.formalReason ? <WarningText>{j.formalNote(a.formalReason)}</WarningText> : null}
      {a.status === 'to_complete' && a.completionNote && a.completionDueAt ? (
        <p class="govuk-body">
          {j.completionNote(a.completionNote, formatDateTime(locale, a.completionDueAt))}
        </p>
      ) : null}
      <Answers {...props} />
      <h2 class="govuk-heading-m">{j.formalTitle}</h2>
      {open ? (
        <>
          <p class="govuk-body">{j.acceptHint}</p>
          <ActionButton action={`${base}/przyjmij`} label={j.accept} />
          <h3 class="govuk-heading-s">{j.completeTitle}</h3>
          <Form action={`${base}/uzupelnienie`}>
            <Choices
              kind="checkboxes"
              name="fields"
              label={j.completeFields}
              hint={j.completeFieldsHint}
              options={fields.map((f) => ({ value: f.key, label: pick(f.label, locale).text }))}
              state={state}
              small
            />
            <Textarea name="note" label={j.completeNote} state={state} rows={3} />
            <TextInput name="days" label={j.completeDays} width="5" inputmode="numeric" state={state} />
            <Button variant="secondary">{j.completeButton}</Button>
          </Form>
          <h3 class="govuk-heading-s">{j.rejectTitle}</h3>
          <Form action={`${base}/odrzuc`}>
            <Textarea name="reason" label={j.rejectReason} state={state} rows={3} />
            <Button variant="warning">{j.rejectButton}</Button>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{j.noFormalStep}</p>
      )}
    </PanelLayout>
  );
}

export function JuryPage({
  call,
  members,
  workload,
  state,
}: {
  call: CallRow;
  members: Array<{ userId: string; name: string; role: 'chair' | 'member' }>;
  workload: Workload;
  state: FormState;
}) {
  const { t, locale } = useView();
  const j = t.callsJudging;
  const load = new Map(workload.evaluators.map((e) => [e.evaluatorId, e.counts]));
  return (
    <PanelLayout title={`${j.juryTitle}: ${pick(callTitle(call), locale).text}`} back={adminPath(call.id)}>
      <ErrorSummary state={state} />
      <H1 caption={<Localized value={callTitle(call)} />}>{j.juryTitle}</H1>
      {members.length === 0 ? (
        <p class="govuk-body">{j.juryEmpty}</p>
      ) : (
        <Table
          caption={j.juryCaption}
          head={[j.name, j.role, j.counts, '']}
          rows={members.map((m) => {
            const c = load.get(m.userId);
            return [
              m.name,
              j.roles[m.role],
              c
                ? `${c.assigned} · ${c.declared} · ${c.submitted} · ${c.recused} · ${c.overdue}`
                : '0 · 0 · 0 · 0 · 0',
              <ActionButton
                key="r"
                action={`${juryPath(call.id)}/usun`}
                label={j.remove}
                context={m.name}
                variant="secondary"
                hidden={{ userId: m.userId }}
              />,
            ];
          })}
        />
      )}
      <h2 class="govuk-heading-m">{j.appointTitle}</h2>
      <Form action={juryPath(call.id)}>
        <TextInput name="email" type="email" label={j.appointEmail} hint={j.appointEmailHint} state={state} />
        <Select
          name="role"
          label={j.role}
          options={[
            { value: 'member', label: j.roles.member },
            { value: 'chair', label: j.roles.chair },
          ]}
          state={state}
        />
        <Button>{j.appointButton}</Button>
      </Form>
      <h2 class="govuk-heading-m">{j.assignTitle}</h2>
      <p class="govuk-body">{j.assignHint(call.evaluatorsPerApplication)}</p>
      <ActionButton action={`${juryPath(call.id)}/przydzial`} label={j.assignButton} />
      {workload.needing.length ? (
        <>
          <h3 class="govuk-heading-s">{j.needingTitle}</h3>
          <ul class="govuk-list govuk-list--bullet">
            {workload.needing.map((n) => (
              <li key={n.applicationId}>{j.needing(n.number ?? '—', n.missing)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </PanelLayout>
  );
}
