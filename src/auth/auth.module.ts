import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthSessionRepository } from './auth-session.repository';
import { AuthService } from './auth.service';
import { IntegrationAuthService } from './integration-auth.service';
import { IntegrationTokenRepository } from './integration-token.repository';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';

/**
 * The HS256 signing key, made once. Handed to jsonwebtoken as a string, every sign and verify would first
 * try to read the string as a PEM public or private key, fail (an exception with a stack trace) and only
 * then make this same secret key: ~4 % of the app's CPU under read load (bench:api, issue 12).
 */
function signingKey(config: AppConfig): KeyObject {
  return createSecretKey(Buffer.from(signingSecret(config), 'utf8'));
}

function signingSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  new Logger('Auth').warn(
    'JWT_SECRET is not set: using a random secret for this process (sessions end when it stops). Set JWT_SECRET in production.',
  );
  return randomBytes(48).toString('base64url');
}

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: signingKey(config), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthSessionRepository,
    LoginThrottleService,
    IntegrationAuthService,
    IntegrationTokenRepository,
    LoginThrottleRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
