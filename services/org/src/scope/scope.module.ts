import { Global, Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { ScopePolicy } from './scope-policy';

@Global()
@Module({ imports: [SessionsModule], providers: [ScopePolicy], exports: [ScopePolicy] })
export class ScopeModule {}
