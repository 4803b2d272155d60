'use client';

import { ConfirmActionButton } from '@/app/_components/confirm-action-button';
import { deleteMappingAction } from '../actions';

/** Delete a saved mapping with an inline confirmation (ConfirmActionButton). */
export function DeleteMappingButton({ name }: { name: string }) {
  return (
    <ConfirmActionButton
      action={deleteMappingAction}
      fields={{ name }}
      label="Delete"
      askLabel={`Delete mapping ${name}`}
      formLabel={`Confirm deleting mapping ${name}`}
      question={<>Delete “{name}”? Data already loaded through it stays.</>}
      confirmLabel="Yes, delete"
      pendingLabel="Deleting…"
    />
  );
}
