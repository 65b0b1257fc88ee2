// Members, invitations and the invitation link.
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Table,
  TextInput,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { memberRoles } from '../schema.ts';
import type { InvitationLookup, InvitationView, MemberView, OrganisationDetail } from '../service.ts';
import { useDate } from './shared.tsx';

export function MembersPage({
  organisation: org,
  members,
  invitations,
  inviteState,
  error,
}: {
  organisation: OrganisationDetail;
  members: MemberView[];
  invitations: InvitationView[] | null;
  inviteState?: FormState;
  error?: string;
}) {
  const { t } = useView();
  const o = t.organisations;
  const date = useDate();
  const manage = org.can.manageMembers;
  const showEmail = members.some((m) => m.email && !m.isMe) || manage;
  const summaryState: FormState = {
    values: inviteState?.values ?? {},
    errors: { ...(error ? { _form: error } : {}), ...(inviteState?.errors ?? {}) },
  };
  const base = `/organizacje/${org.id}`;
  return (
    <Layout title={`${o.membersTitle} – ${org.name}`} back={base} wide>
      <ErrorSummary state={summaryState} order={['_form', 'email', 'role']} />
      <H1 caption={org.name}>{o.membersTitle}</H1>
      <p class="govuk-body">{o.ownersNote}</p>
      {org.soleOwner ? <p class="govuk-inset-text">{o.soleOwnerNote}</p> : null}
      <Table
        caption={o.membersCaption}
        head={[
          o.person,
          ...(showEmail ? [o.email] : []),
          o.role,
          o.joined,
          ...(manage || org.can.leave ? [o.actions] : []),
        ]}
        rows={members.map((m) => [
          <span key="n">
            {m.name} {m.isMe ? <span class="govuk-body-s">{o.you}</span> : null}
          </span>,
          ...(showEmail ? [m.email ?? ''] : []),
          o.roles[m.role],
          date(m.joinedAt),
          ...(manage || org.can.leave
            ? [
                <div key="a">
                  {manage && !m.isMe ? (
                    <>
                      <ActionButton
                        action={`${base}/czlonkowie/${m.userId}/rola`}
                        label={m.role === 'owner' ? o.makeMember : o.makeOwner}
                        variant="secondary"
                        hidden={{ role: m.role === 'owner' ? 'member' : 'owner' }}
                      />
                      <ActionButton
                        action={`${base}/czlonkowie/${m.userId}/usun`}
                        label={o.removeNamed(m.name)}
                        variant="warning"
                      />
                    </>
                  ) : null}
                  {m.isMe ? (
                    <>
                      {manage && m.role === 'owner' && org.can.stepDown ? (
                        <ActionButton
                          action={`${base}/czlonkowie/${m.userId}/rola`}
                          label={o.makeMember}
                          variant="secondary"
                          hidden={{ role: 'member' }}
                        />
                      ) : null}
                      {org.can.leave ? (
                        <ActionButton action={`${base}/opusc`} label={o.leave} variant="warning" />
                      ) : null}
                    </>
                  ) : null}
                </div>,
              ]
            : []),
        ])}
      />
      {invitations ? (
        <>
          <h2 class="govuk-heading-m">{o.pendingInvitations}</h2>
          {invitations.length === 0 ? (
            <p class="govuk-body">{o.noPendingInvitations}</p>
          ) : (
            <Table
              caption={o.pendingInvitations}
              head={[o.sentTo, o.role, o.validUntil, ...(manage ? [o.actions] : [])]}
              rows={invitations.map((i) => [
                i.email,
                o.roles[i.role],
                date(i.expiresAt),
                ...(manage
                  ? [
                      <ActionButton
                        key="c"
                        action={`${base}/zaproszenia/${i.id}/anuluj`}
                        label={o.cancelInvitation}
                        variant="secondary"
                      />,
                    ]
                  : []),
              ])}
            />
          )}
        </>
      ) : null}
      {manage ? (
        <>
          <h2 class="govuk-heading-m">{o.inviteTitle}</h2>
          <Form action={`${base}/czlonkowie/zapros`}>
            <TextInput
              name="email"
              type="email"
              label={o.inviteEmail}
              hint={o.inviteEmailHint}
              state={inviteState}
              spellcheck={false}
              autocomplete="off"
            />
            <Choices
              kind="radios"
              name="role"
              label={o.inviteRole}
              state={
                inviteState?.values.role
                  ? inviteState
                  : { values: { role: 'member' }, errors: inviteState?.errors ?? {} }
              }
              small
              options={memberRoles.map((r) => ({ value: r, label: o.roles[r] }))}
            />
            <Button>{o.inviteSubmit}</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

export function InvitationPage({
  lookup,
  token,
  actorEmail,
}: {
  lookup: InvitationLookup;
  token: string;
  actorEmail: string;
}) {
  const { t } = useView();
  const o = t.organisations;
  const date = useDate();
  const role = o.roles[lookup.role ?? 'member'];
  const orgName = lookup.organisation?.name ?? '';
  return (
    <Layout title={o.invitationTitle}>
      <H1>{o.invitationTitle}</H1>
      <p class="govuk-body-l">
        {lookup.inviterName
          ? o.invitationBody(lookup.inviterName, orgName, role)
          : o.invitationBodyAnonymous(orgName, role)}
      </p>
      <p class="govuk-body">{o.invitationSentTo(lookup.email ?? '')}</p>
      {lookup.email && lookup.email !== actorEmail.toLowerCase() ? (
        <p class="govuk-inset-text">{o.invitationOtherAccount(actorEmail)}</p>
      ) : null}
      {lookup.expiresAt ? <p class="govuk-body">{o.invitationValidUntil(date(lookup.expiresAt))}</p> : null}
      <div class="govuk-button-group">
        <ActionButton action={`/zaproszenia/${token}/przyjmij`} label={o.accept} />
        <ActionButton action={`/zaproszenia/${token}/odrzuc`} label={o.decline} variant="secondary" />
      </div>
    </Layout>
  );
}

export function InvitationProblemPage({ state }: { state: Exclude<InvitationLookup['state'], 'pending'> }) {
  const { t } = useView();
  const o = t.organisations;
  const message = {
    not_found: o.invitationNotFound,
    accepted: o.invitationAlreadyAccepted,
    declined: o.invitationAlreadyDeclined,
    cancelled: o.invitationWasCancelled,
    expired: o.invitationExpired,
  }[state];
  return (
    <Layout title={o.invitationProblemTitle}>
      <H1>{o.invitationProblemTitle}</H1>
      <p class="govuk-body">{message}</p>
      {state !== 'accepted' ? <p class="govuk-body">{o.invitationAskAgain}</p> : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/organizacje/moje">
          {o.mineTitle}
        </a>
      </p>
    </Layout>
  );
}
