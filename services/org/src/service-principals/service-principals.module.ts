import { Module } from '@nestjs/common';
import { ServiceAssertionUseExpiry } from './service-assertion-use-expiry.service';
import { ServiceAssertionUsesStore } from './service-assertion-uses.store';
import { OrgServicePrincipalDirectory } from './service-principal-directory';
import { ServicePrincipalsController } from './service-principals.controller';
import { ServicePrincipalsService } from './service-principals.service';
import { ServicePrincipalsStore } from './service-principals.store';

@Module({
  controllers: [ServicePrincipalsController],
  providers: [
    ServicePrincipalsService,
    ServicePrincipalsStore,
    ServiceAssertionUsesStore,
    ServiceAssertionUseExpiry,
    OrgServicePrincipalDirectory,
  ],
  exports: [OrgServicePrincipalDirectory],
})
export class ServicePrincipalsModule {}
