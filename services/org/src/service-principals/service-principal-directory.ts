import { Injectable } from '@nestjs/common';
import type {
  AssertionUse,
  ServicePrincipalDirectory,
  ServicePrincipalRecord,
} from '@app/platform';
import { ServiceAssertionUsesStore } from './service-assertion-uses.store';
import { ServicePrincipalsStore } from './service-principals.store';

/** Org's service principals as the transport verifies their assertions (see PrincipalGate). */
@Injectable()
export class OrgServicePrincipalDirectory implements ServicePrincipalDirectory {
  constructor(
    private readonly principals: ServicePrincipalsStore,
    private readonly uses: ServiceAssertionUsesStore,
  ) {}

  find(id: string): Promise<ServicePrincipalRecord | undefined> {
    return this.principals.record(id);
  }

  firstUse(use: AssertionUse): Promise<boolean> {
    return this.uses.firstUse(use);
  }
}
