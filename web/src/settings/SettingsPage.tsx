import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../ui/usePageTitle';
import { AdministratorsSection } from './AdministratorsSection';
import { AuditRetentionSection } from './AuditRetentionSection';
import { PasswordPolicySection } from './PasswordPolicySection';
import { ScimTokensSection } from './ScimTokensSection';
import { ServicePrincipalsSection } from './ServicePrincipalsSection';
import { SsoSection } from './SsoSection';

/** Global Settings (Master Administrators): password policies, administrators, service principals, SCIM provisioning, Single Sign-On, the audit log's retention. */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  usePageTitle(t('title'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('title')}</Title>
      <PasswordPolicySection />
      <AdministratorsSection />
      <ServicePrincipalsSection />
      <ScimTokensSection />
      <SsoSection />
      <AuditRetentionSection />
    </Stack>
  );
}
