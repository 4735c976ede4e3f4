import { Global, Module } from '@nestjs/common';
import { AccountCreationSaga } from './account-creation.saga';
import { AccountDeadlines } from './account-deadlines';
import { AccountUndo } from './account-undo.service';
import { AccountStore } from './account.store';
import { PasswordCheck } from './password-check';

/** The accounts table and the account's life across org and identity: used by every feature. */
@Global()
@Module({
  providers: [AccountStore, AccountDeadlines, AccountUndo, AccountCreationSaga, PasswordCheck],
  exports: [AccountStore, AccountDeadlines, AccountUndo, AccountCreationSaga, PasswordCheck],
})
export class AccountsModule {}
