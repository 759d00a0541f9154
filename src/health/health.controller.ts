import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/policy.decorators';
import { DemoHistoryIndicator } from './demo-history.indicator';
import { FactsIndicator } from './facts.indicator';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly demoHistory: DemoHistoryIndicator,
    private readonly facts: FactsIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness and database connectivity; how far the demo history has loaded (first start); the last complete fact day',
  })
  @ApiOkResponse({
    description:
      '{ status: "ok", info: { database: { status: "up" }, demoHistory: { status: "up", loaded: false, percent: 40 } } } (loaded: null without demo data); facts: { status: "up", lastCompleteDay: "2026-11-22", daysBehind: 0 } (null before the first nightly run)',
  })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 3000 }),
      () => this.demoHistory.check('demoHistory'),
      () => this.facts.check('facts'),
    ]);
  }
}
