import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../ui/ConfirmModal';
import { useRevokeScimToken, type ScimToken } from '../api/scim-tokens';

/** Revoke a SCIM token, after a confirmation: the directory is refused from then on. */
export function RevokeScimTokenModal({
  opened,
  token,
  onClose,
}: {
  opened: boolean;
  token?: ScimToken;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const revoke = useRevokeScimToken();
  const name = token?.name ?? '';
  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      action={() => (token ? revoke.mutateAsync(token.id) : Promise.resolve())}
      pending={revoke.isPending}
      texts={{
        title: t('scim.revokeTitle'),
        question: t('scim.revokeQuestion', { name }),
        confirm: t('scim.revokeConfirm'),
        cancel: t('scim.form.cancel'),
        close: t('scim.form.close'),
        done: t('scim.revoked', { name }),
      }}
    />
  );
}
