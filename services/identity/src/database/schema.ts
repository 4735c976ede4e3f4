import { Credential } from '../credentials/credential.entity';
import { Initial1795567906235 } from '../migrations/1795567906235-Initial';
import { SealingKeyRetirement1796088614866 } from '../migrations/1796088614866-SealingKeyRetirement';
import { PasswordPolicyRecord } from '../password-policy/password-policy.entity';
import { SealingKey } from '@app/platform';

export const entities = [Credential, SealingKey, PasswordPolicyRecord];
export const migrations = [Initial1795567906235, SealingKeyRetirement1796088614866];
