import { Module } from '@nestjs/common';
import { ScimTokensController } from './scim-tokens.controller';
import { ScimTokensService } from './scim-tokens.service';
import { ScimTokensStore } from './scim-tokens.store';

@Module({
  controllers: [ScimTokensController],
  providers: [ScimTokensService, ScimTokensStore],
})
export class ScimTokensModule {}
