import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SsoProtocol, SsoSettings } from '../api/sso';

/**
 * What the provider's administrator registers for this organization, each with a copy
 * button: the redirect URI (OpenID Connect); the entity ID, ACS URL and metadata (SAML).
 */
export function SsoAddresses({
  settings,
  protocol,
}: {
  settings: SsoSettings;
  protocol: SsoProtocol;
}) {
  const { t } = useTranslation('settings');
  const addresses =
    protocol === 'oidc'
      ? [{ key: 'redirectUri', value: settings.oidc.redirectUri }]
      : [
          { key: 'entityId', value: settings.saml.entityId },
          { key: 'acsUrl', value: settings.saml.acsUrl },
          { key: 'metadataUrl', value: settings.saml.serviceProviderMetadataUrl },
        ];
  return (
    <Stack gap="xs" role="group" aria-labelledby="sso-addresses-title">
      <Text fw={600} size="sm" id="sso-addresses-title">
        {t('sso.addresses.title')}
      </Text>
      <Text size="sm" c="dimmed">
        {t(`sso.addresses.intro.${protocol}`)}
      </Text>
      {addresses.map(({ key, value }) => {
        const label = t(`sso.addresses.${key}`);
        return (
          <div key={key}>
            <Text size="sm" id={`sso-address-${key}`}>
              {label}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code aria-labelledby={`sso-address-${key}`} style={{ wordBreak: 'break-all' }}>
                {value}
              </Code>
              <CopyButton value={value}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('sso.addresses.copied') : t('sso.addresses.copy')}>
                    <ActionIcon
                      variant="light"
                      color={copied ? 'teal' : 'blue'}
                      aria-label={t('sso.addresses.copyLabel', { name: label })}
                      onClick={copy}
                    >
                      {copied ? '✓' : '⧉'}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </div>
        );
      })}
    </Stack>
  );
}
