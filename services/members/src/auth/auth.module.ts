import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { loadAuthConfig } from './auth.config';
import { AuthResolver } from './auth.resolver';
import { AUTH_CONFIG, AuthService } from './auth.service';
import { CredentialRepository } from './credential.repository';

@Module({
  imports: [MembersModule],
  providers: [{ provide: AUTH_CONFIG, useFactory: () => loadAuthConfig() }, CredentialRepository, AuthService, AuthResolver],
})
export class AuthModule {}
