import { List, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../api/settings';
import { passwordRules } from './password-rules';

const ICONS = { met: '✓', unmet: '✗', checkedOnSave: '…' } as const;
const COLORS = { met: 'teal', unmet: 'red', checkedOnSave: 'gray' } as const;

/** The policy's rules under a password field, each marked met or not as the user types. */
export function PasswordRules({
  password,
  policy,
  id,
}: {
  password: string;
  policy: PasswordPolicy;
  id?: string;
}) {
  const { t } = useTranslation();
  const rules = passwordRules(password, policy);
  return (
    <div id={id}>
      <Text size="sm" fw={500}>
        {t('passwordRules.title', {
          strength: t(`passwordRules.strength.${policy.minimumStrength}`),
        })}
      </Text>
      <List size="sm" spacing={2} aria-label={t('passwordRules.listLabel')} center>
        {rules.map((rule) => (
          <List.Item
            key={rule.key}
            data-state={rule.state}
            icon={
              <ThemeIcon color={COLORS[rule.state]} size={18} radius="xl" aria-hidden>
                {ICONS[rule.state]}
              </ThemeIcon>
            }
          >
            {t(`passwordRules.${rule.key}`, rule.values)}
            <VisuallyHidden> ({t(`passwordRules.state.${rule.state}`)})</VisuallyHidden>
          </List.Item>
        ))}
      </List>
    </div>
  );
}
