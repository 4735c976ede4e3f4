import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SealingKeyStoreModule } from '@app/platform';
import { SsoSettingsRecord } from './sso-settings.entity';
import { SsoSettingsStore } from './sso-settings.store';

/** Where the Single Sign-On settings are kept; the flows and the password sign-in read them. */
@Module({
  imports: [TypeOrmModule.forFeature([SsoSettingsRecord]), SealingKeyStoreModule],
  providers: [SsoSettingsStore],
  exports: [SsoSettingsStore],
})
export class SsoSettingsModule {}
