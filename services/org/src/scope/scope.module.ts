import { Global, Module } from '@nestjs/common';
import { ScopePolicy } from './scope-policy';

@Global()
@Module({ providers: [ScopePolicy], exports: [ScopePolicy] })
export class ScopeModule {}
