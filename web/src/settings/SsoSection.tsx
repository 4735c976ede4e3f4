import {
  Button,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveSsoSettings, useSsoSettings, type SsoSettings } from '../api/sso';
import { ErrorState } from '../ui/ErrorState';
import { FormAlert } from '../ui/FormAlert';
import { showProblemOnForm } from '../ui/problem';
import { BreakGlassSelect } from './BreakGlassSelect';
import { SsoAddresses } from './SsoAddresses';
import { SsoTestSignIn } from './SsoTestSignIn';
import {
  formToSso,
  SSO_FIELD_OF,
  SSO_FORM_FIELDS,
  SSO_MODES,
  SSO_PROTOCOLS,
  ssoToForm,
  validateSsoForm,
  type SsoFormValues,
} from './sso-form';

/** Global Settings, "Single Sign-On": the organization's identity provider (PUT /settings/sso). */
export function SsoSection() {
  const { t } = useTranslation('settings');
  const settings = useSsoSettings();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="sso-title">
      <Stack>
        <div>
          <Title order={2} id="sso-title">
            {t('sso.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={640}>
            {t('sso.intro')}
          </Text>
        </div>
        {settings.isPending && <Text>{t('loading')}</Text>}
        {settings.isError && (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        )}
        {/* Mounted once the settings are known, so that the form starts from them. */}
        {settings.data && <SsoForm settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

function SsoForm({ settings }: { settings: SsoSettings }) {
  const { t } = useTranslation('settings');
  const save = useSaveSsoSettings();
  const [error, setError] = useState<string>();
  const form = useForm<SsoFormValues>({
    initialValues: ssoToForm(settings),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(validateSsoForm(values, settings)).map(([field, key]) => [
          field,
          t(`sso.errors.${field}`, { defaultValue: t(`sso.errors.${key}`) }),
        ]),
      ),
  });
  const { protocol, mode, metadataSource } = form.values;

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const saved = await save.mutateAsync(formToSso(values));
      form.setValues(ssoToForm(saved));
      form.resetDirty(ssoToForm(saved));
      notifications.show({
        color: 'teal',
        message: t('sso.saved'),
        // Mantine's close button has no name of its own (axe's button-name).
        closeButtonProps: { 'aria-label': t('common:actions.close') },
      });
    } catch (failure) {
      showProblemOnForm(failure, t, {
        form,
        fields: SSO_FORM_FIELDS,
        setTopMessage: setError,
        fieldOf: SSO_FIELD_OF,
      });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="sso-title">
      <Stack gap="lg" maw={720}>
        <FormAlert message={error} />
        <Radio.Group label={t('sso.mode')} {...form.getInputProps('mode')}>
          <Stack gap="xs" mt="xs">
            {SSO_MODES.map((value) => (
              <Radio
                key={value}
                value={value}
                label={t(`sso.modes.${value}`)}
                description={t(`sso.modeHelp.${value}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group label={t('sso.protocol')} {...form.getInputProps('protocol')}>
          <Group mt="xs">
            {SSO_PROTOCOLS.map((value) => (
              <Radio key={value} value={value} label={t(`sso.protocols.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        {protocol === 'oidc' ? (
          <>
            <TextInput
              label={t('sso.oidc.issuer')}
              description={t('sso.oidc.issuerHelp')}
              placeholder="https://login.example.com/tenant/v2.0"
              type="url"
              autoComplete="off"
              {...form.getInputProps('issuer')}
            />
            <TextInput
              label={t('sso.oidc.clientId')}
              autoComplete="off"
              {...form.getInputProps('clientId')}
            />
            <PasswordInput
              label={t('sso.oidc.clientSecret')}
              description={
                settings.oidc.clientSecretSet
                  ? t('sso.oidc.clientSecretSaved')
                  : t('sso.oidc.clientSecretHelp')
              }
              autoComplete="new-password"
              {...form.getInputProps('clientSecret')}
            />
            <TextInput
              label={t('sso.oidc.scopes')}
              description={t('sso.oidc.scopesHelp')}
              placeholder="openid email profile"
              autoComplete="off"
              {...form.getInputProps('scopes')}
            />
            <TextInput
              label={t('sso.oidc.claim')}
              description={t('sso.oidc.claimHelp')}
              placeholder="sub"
              autoComplete="off"
              {...form.getInputProps('ssoIdClaim')}
            />
          </>
        ) : (
          <>
            <Radio.Group label={t('sso.saml.source')} {...form.getInputProps('metadataSource')}>
              <Group mt="xs">
                <Radio value="xml" label={t('sso.saml.sourceXml')} />
                <Radio value="url" label={t('sso.saml.sourceUrl')} />
              </Group>
            </Radio.Group>
            {metadataSource === 'xml' ? (
              <Textarea
                label={t('sso.saml.metadataXml')}
                description={t('sso.saml.metadataXmlHelp')}
                autosize
                minRows={4}
                maxRows={12}
                styles={{ input: { fontFamily: 'monospace' } }}
                {...form.getInputProps('metadataXml')}
              />
            ) : (
              <TextInput
                label={t('sso.saml.metadataUrl')}
                description={t('sso.saml.metadataUrlHelp')}
                type="url"
                autoComplete="off"
                {...form.getInputProps('metadataUrl')}
              />
            )}
            <TextInput
              label={t('sso.saml.attribute')}
              description={t('sso.saml.attributeHelp')}
              placeholder="NameID"
              autoComplete="off"
              {...form.getInputProps('ssoIdAttribute')}
            />
          </>
        )}
        <SsoAddresses settings={settings} protocol={protocol} />
        <BreakGlassSelect
          value={form.values.breakGlassAccountIds}
          onChange={(ids) => form.setFieldValue('breakGlassAccountIds', ids)}
          error={form.errors.breakGlassAccountIds}
        />
        {mode === 'required' && form.values.breakGlassAccountIds.length === 0 && (
          <Text size="sm" c="orange.8">
            {t('sso.breakGlassAdvice')}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('sso.save')}
          </Button>
        </Group>
        <Divider />
        <SsoTestSignIn settings={settings} unsaved={form.isDirty()} />
      </Stack>
    </form>
  );
}
