import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { AttemptSlotRepository } from './attempt-slot.repository';
import { loadAuthConfig } from './auth.config';
import { AuthResolver } from './auth.resolver';
import { AUTH_CONFIG, AuthService } from './auth.service';
import { CredentialRepository } from './credential.repository';

@Module({
  imports: [MembersModule],
  providers: [{ provide: AUTH_CONFIG, useFactory: () => loadAuthConfig() }, CredentialRepository, AttemptSlotRepository, AuthService, AuthResolver],
})
export class AuthModule {}
