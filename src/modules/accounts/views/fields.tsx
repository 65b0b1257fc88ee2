import { type FormState, TextInput } from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';

/** The 6-digit code from an authenticator app (or a backup code). */
export function CodeInput({ label, state }: { label: string; state: FormState }) {
  return (
    <TextInput
      name="code"
      label={label}
      autocomplete="one-time-code"
      inputmode="numeric"
      width="10"
      spellcheck={false}
      state={state}
    />
  );
}

/** A new password typed twice, with the policy as a hint. */
export function NewPasswordFields({
  names,
  state,
}: {
  names: [password: string, confirm: string];
  state: FormState;
}) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <>
      <TextInput
        name={names[0]}
        type="password"
        label={a.newPassword}
        hint={a.passwordHint}
        autocomplete="new-password"
        state={state}
      />
      <TextInput
        name={names[1]}
        type="password"
        label={a.confirmPassword}
        autocomplete="new-password"
        state={state}
      />
    </>
  );
}

/** The person's current password, asked for before a sensitive change (or to sign in). */
export function CurrentPasswordInput({
  name = 'password',
  label,
  state,
}: {
  name?: string;
  label?: string;
  state: FormState;
}) {
  const { t } = useView();
  return (
    <TextInput
      name={name}
      type="password"
      label={label ?? t.accounts.password}
      autocomplete="current-password"
      state={state}
    />
  );
}
