'use client';

import { ConfirmActionButton } from '@/app/_components/confirm-action-button';
import { revokeTokenAction } from './actions';

/** Revoke with an inline confirmation (ConfirmActionButton: the first button asks, the second revokes). */
export function RevokeButton({ id, name }: { id: number; name: string }) {
  return (
    <ConfirmActionButton
      action={revokeTokenAction}
      fields={{ id }}
      label="Revoke"
      askLabel={`Revoke ${name}`}
      formLabel={`Confirm revoking ${name}`}
      question={<>Revoke “{name}”? Pushes with it will get 401.</>}
      confirmLabel="Yes, revoke"
      pendingLabel="Revoking…"
    />
  );
}
