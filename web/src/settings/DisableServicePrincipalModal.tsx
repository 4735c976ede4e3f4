import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../ui/ConfirmModal';
import { useDisableServicePrincipal, type ServicePrincipal } from '../api/service-principals';

/** Disable a service principal, after a confirmation: its messages are refused from then on. */
export function DisableServicePrincipalModal({
  opened,
  principal,
  onClose,
}: {
  opened: boolean;
  principal?: ServicePrincipal;
  onClose: () => void;
}) {
  const { t } = useTranslation('settings');
  const disable = useDisableServicePrincipal();
  const name = principal?.name ?? '';
  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      action={() => (principal ? disable.mutateAsync(principal.id) : Promise.resolve())}
      pending={disable.isPending}
      texts={{
        title: t('principals.disableTitle'),
        question: t('principals.disableQuestion', { name }),
        confirm: t('principals.disableConfirm'),
        cancel: t('principals.form.cancel'),
        close: t('principals.form.close'),
        done: t('principals.disabled', { name }),
      }}
    />
  );
}
