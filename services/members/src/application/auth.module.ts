import { Module } from '@nestjs/common';
import { MembersModule } from './members.module';
import { AttemptSlotRepository } from '../persistence/attempt-slot.repository';
import { loadAuthConfig } from './auth.config';
import { AuthResolver } from '../graphql/auth.resolver';
import { AUTH_CONFIG, AuthService } from './auth.service';
import { CredentialRepository } from '../persistence/credential.repository';

@Module({
  imports: [MembersModule],
  providers: [{ provide: AUTH_CONFIG, useFactory: () => loadAuthConfig() }, CredentialRepository, AttemptSlotRepository, AuthService, AuthResolver],
})
export class AuthModule {}
