import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServicePrincipal } from './service-principal.entity';
import { ServicePrincipalsController } from './service-principals.controller';
import { ServicePrincipalsService } from './service-principals.service';

@Module({
  imports: [TypeOrmModule.forFeature([ServicePrincipal])],
  controllers: [ServicePrincipalsController],
  providers: [ServicePrincipalsService],
  exports: [ServicePrincipalsService],
})
export class ServicePrincipalsModule {}
