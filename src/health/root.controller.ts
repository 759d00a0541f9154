import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/policy.decorators';

// Whoever opens http://localhost:3000/ wants the app: its pages start at /app (sign-in when signed out).
@ApiExcludeController()
@Controller()
@Public()
export class RootController {
  @Get()
  @Redirect('/app', 302)
  root(): void {}
}
