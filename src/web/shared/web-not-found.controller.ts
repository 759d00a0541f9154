import { Get } from '@nestjs/common';
import { ALL_ROLES } from '../../auth/roles';
import { Allow } from '../../auth/policy.decorators';
import { NotFoundError } from '../../common/errors/domain-errors';
import { WebController } from './web-guards';

/**
 * Any other GET address under /app: the pages' own 404 page (styled, in the chosen language, with a
 * way back; WebExceptionFilter), not the framework's JSON. Listed last in WebModule, so every page's
 * route is tried first. Addresses outside /app (the API) keep their JSON 404.
 */
@WebController()
export class WebNotFoundController {
  @Get('*path')
  @Allow(...ALL_ROLES)
  notFound(): never {
    throw new NotFoundError('Page');
  }
}
