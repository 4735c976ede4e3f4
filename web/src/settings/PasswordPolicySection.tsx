import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui/ErrorState';
import { FormAlert } from '../ui/FormAlert';
import { showProblemOnForm } from '../ui/problem';
import { usePasswordPolicy, useSavePasswordPolicy, type PasswordPolicy } from '../api/settings';
import {
  formToPolicy,
  POLICY_LIMITS,
  policyToForm,
  STRENGTHS,
  validatePolicyForm,
  type PolicyFormValues,
} from './policy-form';

/** Global Settings, "Password policies": the organization's password policy (PUT /settings/password-policy). */
export function PasswordPolicySection() {
  const { t } = useTranslation('settings');
  const policy = usePasswordPolicy();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="password-policies-title">
      <Stack>
        <div>
          <Title order={2} id="password-policies-title">
            {t('policy.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('policy.intro')}
          </Text>
        </div>
        {policy.isPending && <Text>{t('loading')}</Text>}
        {policy.isError && (
          <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
        )}
        {/* Mounted once the policy is known, so that the form starts from it. */}
        {policy.data && <PolicyForm policy={policy.data} />}
      </Stack>
    </Paper>
  );
}

function PolicyForm({ policy }: { policy: PasswordPolicy }) {
  const { t } = useTranslation('settings');
  const save = useSavePasswordPolicy();
  const [error, setError] = useState<string>();
  const form = useForm<PolicyFormValues>({
    initialValues: policyToForm(policy),
    validate: (values) =>
      Object.fromEntries(
        Object.entries(validatePolicyForm(values)).map(([field, problem]) => [
          field,
          t(`policy.errors.${problem.key}`, { min: problem.min, max: problem.max }),
        ]),
      ),
  });

  const submit = form.onSubmit(async (values) => {
    setError(undefined);
    try {
      const saved = await save.mutateAsync(formToPolicy(values));
      form.setValues(policyToForm(saved));
      form.resetDirty(policyToForm(saved));
      notifications.show({ color: 'teal', message: t('policy.saved') });
    } catch (failure) {
      showProblemOnForm(failure, t, {
        form,
        fields: Object.keys(form.values),
        setTopMessage: setError,
      });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-policies-title">
      <Stack gap="lg" maw={640}>
        <FormAlert message={error} />
        <Radio.Group label={t('policy.strength')} {...form.getInputProps('minimumStrength')}>
          <Stack gap="xs" mt="xs">
            {STRENGTHS.map((strength) => (
              <Radio
                key={strength}
                value={strength}
                label={t(`policy.strengths.${strength}`)}
                description={t(`policy.strengthHelp.${strength}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <NumberInput
          label={t('policy.minLength')}
          description={t('policy.minLengthHelp', POLICY_LIMITS.minLength)}
          min={POLICY_LIMITS.minLength.min}
          max={POLICY_LIMITS.minLength.max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          {...form.getInputProps('minLength')}
        />
        <Checkbox
          label={t('policy.rejectCommon')}
          description={t('policy.rejectCommonHelp')}
          {...form.getInputProps('rejectCommonPasswords', { type: 'checkbox' })}
        />
        <Checkbox
          label={t('policy.forceChange')}
          description={t('policy.forceChangeHelp')}
          {...form.getInputProps('forceChangeOnAdminSet', { type: 'checkbox' })}
        />
        <NumberInput
          label={t('policy.maxAge')}
          description={t('policy.maxAgeHelp')}
          min={POLICY_LIMITS.maxAgeDays.min}
          max={POLICY_LIMITS.maxAgeDays.max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          {...form.getInputProps('maxAgeDays')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('policy.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
