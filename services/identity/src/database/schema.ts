import { Credential } from '../credentials/credential.entity';
import { Initial1795567906235 } from '../migrations/1795567906235-Initial';
import { SealingKeyRetirement1796088614866 } from '../migrations/1796088614866-SealingKeyRetirement';
import { PasswordDigestSecret1796300000000 } from '../migrations/1796300000000-PasswordDigestSecret';
import { SingleSignOn1796626866764 } from '../migrations/1796626866764-SingleSignOn';
import { IdentityOutbox1796640034476 } from '../migrations/1796640034476-IdentityOutbox';
import { PasswordDigestSecret } from '../password-digest/password-digest-secret.entity';
import { PasswordPolicyRecord } from '../password-policy/password-policy.entity';
import { OutboxEvent, SealingKey } from '@app/platform';
import { SsoSettingsRecord } from '../sso-settings/sso-settings.entity';
import { SeenAssertion } from '../sso/seen-assertion.entity';
import { SsoFlow } from '../sso/sso-flow.entity';

export const entities = [
  Credential,
  SealingKey,
  PasswordPolicyRecord,
  PasswordDigestSecret,
  SsoSettingsRecord,
  SsoFlow,
  SeenAssertion,
  OutboxEvent,
];
export const migrations = [
  Initial1795567906235,
  SealingKeyRetirement1796088614866,
  PasswordDigestSecret1796300000000,
  SingleSignOn1796626866764,
  IdentityOutbox1796640034476,
];
